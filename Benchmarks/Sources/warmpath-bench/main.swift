import Foundation

// warmpath-bench SUBCOMMAND ...
//   graph   W1–W7 on the generated trust graphs (see GraphBench.usage)
//   csv     the CSV reader benchmark (CSVReaderBench)
let args = Array(CommandLine.arguments.dropFirst())
let sub = args.first ?? "help"
do {
    switch sub {
    case "graph":
        FileHandle.standardOutput.write(Data((Emitter.header + "\n").utf8))
        try GraphBench(arguments: Array(args.dropFirst())).run()
    case "csv":
        try CSVReaderBench.run(arguments: Array(args.dropFirst()))
    default:
        FileHandle.standardError.write(Data(("usage: warmpath-bench graph|csv ...\n" + GraphBench.usage + "\n").utf8))
        exit(sub == "help" || sub == "--help" ? 0 : 64)
    }
} catch {
    FileHandle.standardError.write(Data("warmpath-bench: \(error)\n".utf8))
    exit(64)
}
