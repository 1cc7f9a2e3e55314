public import ArgumentParser
public import Restore
public import Report

// Enum options the parser checks itself (a wrong value is an error naming the choices
// before anything runs).
extension ResolverKind: ExpressibleByArgument {}
extension RestoreMode: ExpressibleByArgument {}
extension ReportLanguage: ExpressibleByArgument {}
