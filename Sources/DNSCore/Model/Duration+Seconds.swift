extension Duration {
    /// The duration as floating-point seconds, for reports, metrics and thresholds.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
