// The executable is a stub: every command lives in SeedbedCommands, where it is tested as a library.
import ArgumentParser
import SeedbedCommands

await SeedbedCommand.start()
