import Foundation

/// The faults in force, the per-route request counters, the per-app request budget and the token serials. Tests
/// change it while the emulator runs.
public actor FaultPlan {
    private var rules: [FaultRule]
    private var counters: [EmulatorRoute: Int] = [:]
    private var budget: RequestBudget?
    private var windows: [String: (start: Date, count: Int)] = [:]
    private var lastTokenSerial = 0
    private var revokedThroughSerial = 0

    init(rules: [FaultRule], budget: RequestBudget?) {
        self.rules = rules
        self.budget = budget
    }

    /// Adds a fault; request counts keep running (use `resetCounters()` to count from 1 again).
    public func add(_ rule: FaultRule) {
        rules.append(rule)
    }

    public func removeAll() {
        rules.removeAll()
    }

    public func resetCounters() {
        counters.removeAll()
    }

    /// How many requests the route has received.
    public func requestCount(_ route: EmulatorRoute) -> Int {
        counters[route, default: 0]
    }

    public func setRequestBudget(_ budget: RequestBudget?) {
        self.budget = budget
        windows.removeAll()
    }

    /// Every token issued so far counts as expired from now on (new ones work).
    public func expireIssuedTokens() {
        revokedThroughSerial = lastTokenSerial
    }

    /// Counts a request to `route` and returns the actions of the faults that match it, in the order added.
    func arrival(_ route: EmulatorRoute) -> [FaultAction] {
        let count = counters[route, default: 0] + 1
        counters[route] = count
        let actions = rules.filter { $0.routes.contains(route) && $0.requests.matches(count) }.map(\.action)
        if actions.contains(.expireTokens) { revokedThroughSerial = lastTokenSerial }
        return actions
    }

    /// Counts a request against the app's budget; the seconds to wait when it is spent.
    func spend(app: String, now: Date) -> Double? {
        guard let budget else { return nil }
        var window = windows[app] ?? (now, 0)
        if now.timeIntervalSince(window.start) >= 60 { window = (now, 0) }
        window.count += 1
        windows[app] = window
        guard window.count > budget.requestsPerMinute else { return nil }
        return max(1, (60 - now.timeIntervalSince(window.start)).rounded(.up))
    }

    func nextTokenSerial() -> Int {
        lastTokenSerial += 1
        return lastTokenSerial
    }

    func isRevoked(_ serial: Int) -> Bool {
        serial <= revokedThroughSerial
    }
}
