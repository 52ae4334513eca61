// The YAML module: its first files land with the issue that builds it (see docs/ARCHITECTURE.md).
enum YAMLModule {}
