/// The one error of turning arguments and configuration into a command's work: what is
/// wrong and where (`--zone x..y: not a domain name`, `cfg.yml:3: ...`). Every command
/// prints it and exits 3, the monitoring convention's UNKNOWN.
struct SetupError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
