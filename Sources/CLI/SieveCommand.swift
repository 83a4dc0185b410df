import ArgumentParser

@main
struct SieveCommand: ParsableCommand {}
