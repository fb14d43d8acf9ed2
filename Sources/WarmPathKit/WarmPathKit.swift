// The umbrella: one import for the CLI, the store, the tests and the benchmarks. Each layer is a
// target of its own (see docs/architecture.md); this file only re-exports them.
@_exported import WarmPathAnalysis
@_exported import WarmPathImport
@_exported import WarmPathModel
@_exported import WarmPathPipeline
@_exported import WarmPathReport
@_exported import WarmPathSupport
