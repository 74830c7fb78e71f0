import Foundation

extension StageTimes {
    /// The `--timings` table of a run: per stage, CPU seconds summed over threads, wall seconds
    /// summed over threads, the stage's share of all stages' wall time, and CPU per page; then
    /// the OCR workers' busy share. `scripts/bench.sh` reads the `stage` lines by their first words.
    public func report(runWallSeconds: Double, workers: Int, pages: Int) -> [String] {
        let totalWall = wallSeconds.reduce(0, +)
        let totalCPU = cpuSeconds.reduce(0, +)
        var lines = ["Stage timings (seconds summed over threads; share of all stages' wall time; CPU per page):"]
        for stage in PipelineStage.allCases {
            lines.append(Self.line(stage.name, cpu(stage), wall(stage), totalWall > 0 ? wall(stage) / totalWall * 100 : 0,
                                cpu(stage) / Double(max(pages, 1))))
        }
        lines.append(Self.line("all", totalCPU, totalWall, 100.0, totalCPU / Double(max(pages, 1))))
        let busy = runWallSeconds > 0 && workers > 0 ? workerWallSeconds / (runWallSeconds * Double(workers)) : 0
        lines.append(String(format: "  OCR workers busy %.1f%% of the run (%d workers, %.1f s wall)", busy * 100, workers, runWallSeconds))
        return lines
    }

    private static func line(_ name: String, _ cpu: Double, _ wall: Double, _ share: Double, _ perPage: Double) -> String {
        "  stage " + name.padding(toLength: 12, withPad: " ", startingAt: 0)
            + String(format: " cpu %8.2f  wall %8.2f  share %5.1f%%  cpu/page %6.3f", cpu, wall, share, perPage)
    }
}
