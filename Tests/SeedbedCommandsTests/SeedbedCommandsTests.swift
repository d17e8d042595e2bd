import Testing

@testable import SeedbedCommands

// Package.swift declares this target; it holds no tests yet, but SwiftPM refuses a target without sources.
@Suite("Seedbed commands")
struct SeedbedCommandsTests {}
