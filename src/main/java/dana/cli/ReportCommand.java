package dana.cli;

import dana.experiment.AtomicFiles;
import dana.report.ReportPage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dana report DIR}: one self-contained HTML page of a results directory, DIR/report.html. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Turns a results directory (of dana experiment, sweep, train or diagnose) into one "
                + "self-contained HTML page, DIR/report.html: the resolved configuration, the summary tables and every "
                + "PNG figure embedded, with captions; no external resources, so it opens in any browser and can be sent alone."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The results directory.")
    Path dir;

    @Override
    public Integer call() {
        String html = ReportPage.render(dir, new Main.Version().getVersion()[0],
                LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        Path out = dir.resolve(ReportPage.FILE);
        AtomicFiles.write(out, html);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("report: " + out);
        stdout.flush();
        return Main.EXIT_OK;
    }
}
