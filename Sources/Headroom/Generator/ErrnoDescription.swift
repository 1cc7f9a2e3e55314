import Platform

/// errno's words and its number, for the generator's system errors.
func errnoDescription(_ value: Int32) -> String {
    "\(errnoText(value)) (errno \(value))"
}
