package dev.edge4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code edge4j} command: one subcommand per capability, each with its own --help. */
@Command(name = "edge4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Edge4j runs AI models fully offline on small devices, in pure Java.",
            "Each command group has its own help, e.g. `edge4j models --help`."},
        subcommands = {
            ModelsCommand.class,
            OnnxCommand.class,
            FaceCommand.class,
            TokenizeCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit status (0 success, 1 failure, 2 wrong usage). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setUsageHelpWidth(100);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(ErrorHandler::usage);
        return cli.execute(args);
    }
}
