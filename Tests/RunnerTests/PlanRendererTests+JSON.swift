extension PlanRendererTests {
    static let expectedJSON = #"""
        {
          "jobs": [
            {
              "checkpoint": {
                "directory": "state/defender-indicators",
                "enabled": true,
                "look_back": "15m"
              },
              "concurrency": 2,
              "connection": {
                "ca_file": "/etc/ssl/certs/corp-root.pem",
                "client_id": "66666666-7777-8888-9999-000000000000",
                "client_secret": {
                  "reference": "env M365_CLIENT_SECRET",
                  "resolves": true
                },
                "cloud": "usgov",
                "graph": "https://graph.microsoft.us/v1.0",
                "name": null,
                "proxy": {
                  "no_proxy": [
                    "localhost",
                    "10.0.0.0/8",
                    ".example.internal"
                  ],
                  "password": {
                    "problem": "secret file '/run/secrets/temsync-test-absent/proxy-password' cannot be read: no such file",
                    "reference": "file /run/secrets/temsync-test-absent/proxy-password",
                    "resolves": false
                  },
                  "url": "http://proxy.example.internal:3128",
                  "username": "svc-tem"
                },
                "scope": "https://graph.microsoft.us/.default",
                "tenant_id": "11111111-2222-3333-4444-555555555555",
                "timeouts": {
                  "connect": "5s",
                  "request": "1m30s"
                },
                "token_url": "https://login.microsoftonline.us/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token"
              },
              "description": "Malicious indicators from Defender XDR for the TEM feed",
              "file": "jobs/defender-indicators.yaml:1:1",
              "job": "defender-indicators",
              "mapping": {
                "emit": "indicators",
                "fields": [
                  "value: indicator.value",
                  "type: indicator.type",
                  "severity: indicator.severity | map {informational: 0, low: 30, medium: 60, high: 90} | default 0",
                  "title: template \"{{alert.title}} ({{alert.id}})\"",
                  "source: const \"microsoft_365_defender\""
                ],
                "history": "latest",
                "indicators": {
                  "exclude": [
                    "cidr 10.0.0.0/8",
                    "domain *.example.internal"
                  ],
                  "include_private": false,
                  "max_ids": 50,
                  "roles": null,
                  "types": [
                    "ipv4",
                    "domain",
                    "url",
                    "sha256"
                  ],
                  "verdicts": [
                    "malicious",
                    "suspicious"
                  ]
                },
                "where": [
                  "alert.serviceSource in [\"microsoftDefenderForEndpoint\",\"microsoftDefenderForOffice365\"]"
                ]
              },
              "outputs": [
                {
                  "name": "file",
                  "secret_headers": {},
                  "target": "file out/defender-indicators.jsonl (jsonl, replace)",
                  "type": "file"
                },
                {
                  "name": "edl",
                  "secret_headers": {},
                  "target": "edl out/edl (per_type; ipv4,domain; expire after 30d)",
                  "type": "edl"
                },
                {
                  "name": "http",
                  "secret_headers": {
                    "Authorization": {
                      "problem": "environment variable 'TEM_API_TOKEN' is not set",
                      "reference": "env TEM_API_TOKEN",
                      "resolves": false
                    }
                  },
                  "target": "http POST https://tem.example.com/api/indicators (batches of 250)",
                  "type": "http"
                }
              ],
              "retry": {
                "deadline": "15m",
                "initial_delay": "500ms",
                "jitter": "none",
                "max_attempts": 5,
                "max_delay": "30s",
                "max_retry_after": "5m",
                "multiplier": 2.0
              },
              "sources": [
                {
                  "expand_alerts": false,
                  "first_url": "https://graph.microsoft.us/v1.0/security/alerts_v2?$filter=(severity%20eq%20'high'%20or%20severity%20eq%20'medium')%20and%20(status%20eq%20'new'%20or%20status%20eq%20'inProgress')%20and%20(serviceSource%20eq%20'microsoftDefenderForEndpoint'%20or%20serviceSource%20eq%20'microsoftDefenderForOffice365')%20and%20lastUpdateDateTime%20ge%202026-01-24T08:00:00Z&$orderby=lastUpdateDateTime%20asc&$top=500",
                  "page_size": 500,
                  "source": "alerts",
                  "start": "updated_since 7d ago (2026-01-24T08:00:00Z); no checkpoint yet",
                  "watermark": null
                },
                {
                  "expand_alerts": true,
                  "first_url": "https://graph.microsoft.us/v1.0/security/incidents?$filter=severity%20eq%20'high'%20and%20status%20eq%20'active'%20and%20assignedTo%20eq%20'soc@contoso.com'&$orderby=lastUpdateDateTime%20asc&$top=50&$expand=alerts",
                  "page_size": 50,
                  "source": "incidents",
                  "start": "the beginning (no updated_since); no checkpoint yet",
                  "watermark": null
                }
              ]
            }
          ]
        }
        """#
}
