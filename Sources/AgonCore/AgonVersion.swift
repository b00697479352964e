public enum AgonVersion {
    public static let current = "0.1.0"
}
