package dev.mcppolicy.cli;

import dev.mcppolicy.diag.Diagnostic;
import dev.mcppolicy.run.ReplaySession;
import java.io.PrintWriter;
import java.util.List;

/** What a replay session tells, on stderr: diagnostics and problems through Reporting, progress on a terminal. */
final class ReplayEvents implements ReplaySession.Events {
  private final Reporting reporting;
  private final PrintWriter err;
  private final boolean terminal;
  private long started = System.nanoTime();
  private long last = started;
  private boolean shown;

  ReplayEvents(Reporting reporting, PrintWriter err) {
    this.reporting = reporting;
    this.err = err;
    this.terminal = System.console() != null && reporting.text();
  }

  @Override
  public void diagnostics(List<Diagnostic> diagnostics) {
    reporting.print(diagnostics, err, null);
  }

  @Override
  public void problem(Diagnostic problem) {
    reporting.problem(err, problem);
  }

  @Override
  public void summary(String line) {
    reporting.summary(err, line);
  }

  /** Records read and calls per second, about once a second. */
  @Override
  public void progress(String trace, long records) {
    long now = System.nanoTime();
    if (!terminal || now - last < 1_000_000_000L) {
      return;
    }
    last = now;
    shown = true;
    long perSecond = (long) (records / ((now - started) / 1e9));
    err.print("\r" + trace + ": " + records + " records read (" + perSecond + " calls/s)\u001b[K");
    err.flush();
  }

  @Override
  public void done(String trace) {
    if (shown) {
      err.print("\r\u001b[K");
      err.flush();
    }
    shown = false;
    started = System.nanoTime();
    last = started;
  }
}
