package io.gridpulse.tools.eval;

import io.gridpulse.GridPulse;
import io.gridpulse.cli.Cli;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eval <name> --truth DIR [--json FILE]}: scores what a job wrote for a simulated city
 * against the simulator's ground truth. One method per evaluation: adding one is a method here.
 */
@Command(
        name = "eval",
        description = "Scores a job's output against the simulator's ground truth.",
        footer = {"", "Example:", "  ./gridpulse eval highbill --json .local/eval-highbill.json"})
public final class EvalCommand {

    @Mixin private Cli.Help help;
    @Spec private CommandSpec spec;

    /** The options every evaluation takes. */
    static final class Scoring {
        @Option(
                names = "--truth",
                paramLabel = "DIR",
                required = true,
                description = "the simulator's ground-truth folder")
        Path truth;

        @Option(names = "--json", paramLabel = "FILE", description = "write the scores there")
        Path json;
    }

    @Command(
            name = "highbill",
            description =
                    "High-bill alerts scored against the simulator's labels: precision, recall,"
                            + " duplicate alerts, median lead time before the bill.",
            footer = {
                "",
                "Example:",
                "  ./gridpulse eval highbill --json highbill.json",
                "  (simulates a city on a stack of its own, runs the job, then scores with --truth)"
            })
    int highbill(@Mixin Cli.Help help, @Mixin Scoring scoring) throws Exception {
        return HighBillEval.run(GridPulse.config(spec), scoring.truth, scoring.json, System.out);
    }
}
