package io.gridpulse.tools.eval;

import io.gridpulse.GridPulse;
import io.gridpulse.cli.Cli;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eval [<name>] --truth DIR [--json FILE]}: scores what a job wrote for a simulated city
 * against the simulator's ground truth; without a name, the consumption rules. One method per
 * further evaluation: adding one is a method here.
 */
@Command(
        name = "eval",
        description =
                "Scores a job's output against the simulator's ground truth; without a name, the"
                        + " consumption rules: TP, FP, FN, precision and recall per rule, false"
                        + " flags per 1,000 normal meter-days.",
        footer = {
            "",
            "Example:",
            "  ./gridpulse eval --meters 1000 --days 14 --json .local/eval.json",
            "  (simulates a city on a stack of its own, runs the job, then scores with --truth)"
        })
public final class EvalCommand implements Callable<Integer> {

    @Mixin private Cli.Help help;
    @Spec private CommandSpec spec;

    @Option(names = "--meters", paramLabel = "N", description = "meters in the simulated city")
    private int meters;

    @Option(names = "--days", paramLabel = "N", description = "simulated days")
    private int days;

    // not required here: `eval highbill --truth DIR` gives it to the sub-command
    @Option(names = "--truth", paramLabel = "DIR", description = "the simulator's ground truth")
    private Path truth;

    @Option(names = "--json", paramLabel = "FILE", description = "write the scores there")
    private Path json;

    /** The consumption rules against the labelled injections. */
    @Override
    public Integer call() throws Exception {
        if (truth == null || meters <= 0 || days <= 0) {
            throw new ParameterException(
                    spec.commandLine(), "eval needs --truth DIR, --meters N and --days N");
        }
        return ValidationEval.run(GridPulse.config(spec), truth, meters, days, json, System.out);
    }

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

    @Command(
            name = "outages",
            description =
                    "Outages and customer notifications scored against the simulator's outages.csv:"
                            + " precision and recall of power outages, detection delay, duplicate"
                            + " notifications, notifications for collection failures.",
            footer = {
                "",
                "Example:",
                "  ./gridpulse eval outages --json outages.json",
                "  (simulates the demo-size city on a stack of its own, runs the consumption job,"
                        + " then scores with --truth)"
            })
    int outages(@Mixin Cli.Help help, @Mixin Scoring scoring) throws Exception {
        return OutageEval.run(GridPulse.config(spec), scoring.truth, scoring.json, System.out);
    }
}
