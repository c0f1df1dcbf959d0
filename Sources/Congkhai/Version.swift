/// The tool version recorded in outputs, so a reader knows which rules scored them.
public enum CongkhaiVersion {
    public static let string = "0.1.0"
    public static let rules = "v1"
}
