package dev.mcppolicy.cli;

import dev.mcppolicy.diag.Code;
import dev.mcppolicy.format.CatalogImport;
import dev.mcppolicy.json.JsonReader;
import dev.mcppolicy.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = "Write a catalog module from a server's tools/list answer.")
final class CatalogCommand implements Callable<Integer> {
  /** The largest answer read: a server with thousands of tools and long schemas stays far below it. */
  static final long MAX_BYTES = 64L << 20;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "TOOLS.json",
      description = "The answer: a JSON-RPC response, its result, a tools array, or several pages (a JSON array, or one per line).")
  Path tools;

  @Option(names = "--name", paramLabel = "NAME", description = "The catalog's name (default: from the file's name).")
  String name;

  @Option(names = "--title", paramLabel = "TITLE", description = "The catalog's title.")
  String title;

  @Mixin
  SourceOutput target;

  @Mixin
  Reporting reporting;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    if (!target.mayWrite(tools, "catalog", reporting, err)) {
      return ExitCodes.USAGE;
    }
    String catalogName = name != null ? name : CatalogImport.nameFrom(tools.getFileName().toString());
    if (!catalogName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--name takes letters, digits and underscores, not '"
          + catalogName + "'");
    }
    List<JsonValue> answers;
    try {
      if (Files.size(tools) > MAX_BYTES) {
        reporting.problem(err, Code.E601, "mcppolicy: " + Names.of(tools) + " is " + Files.size(tools) + " bytes; a tools/list "
            + "answer read here is at most " + MAX_BYTES);
        return ExitCodes.USAGE;
      }
      answers = answers(Files.readString(tools, StandardCharsets.UTF_8));
    } catch (IOException e) {
      reporting.problem(err, Code.E601, "mcppolicy: cannot read " + Names.of(tools) + ": " + dev.mcppolicy.io.IoErrors.describe(e));
      return ExitCodes.USAGE;
    } catch (JsonReader.JsonSyntaxException e) {
      reporting.problem(err, Code.E601, "mcppolicy: " + Names.of(tools) + ":" + e.location().line() + ":" + e.location().column()
          + ": not JSON: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    Path where = target.where(tools.resolveSibling(catalogName + ".mcppolicy"));
    CatalogImport.Result r = CatalogImport.checked(answers, catalogName, Optional.ofNullable(title), Names.of(tools), where);
    if (r.source().isEmpty()) {
      r.problems().forEach(p -> reporting.problem(err, Code.E601, "mcppolicy: " + Names.of(tools) + ": " + p));
      return ExitCodes.USAGE;
    }
    return target.write(r.source().get(), spec.commandLine().getOut(), reporting, err);
  }

  /** One JSON value, or, when the text is several, one per line (pages saved one after the other). */
  private static List<JsonValue> answers(String text) throws JsonReader.JsonSyntaxException {
    try {
      JsonValue one = JsonReader.read(text).root();
      return one instanceof dev.mcppolicy.json.JsonArray pages && pages.elements().stream()
          .allMatch(p -> p instanceof dev.mcppolicy.json.JsonObject o && (o.get("result") != null || o.get("tools") != null))
          && !pages.elements().isEmpty() ? pages.elements() : List.of(one);
    } catch (JsonReader.JsonSyntaxException whole) {
      List<JsonValue> out = new ArrayList<>();
      String[] lines = text.split("\n", -1);
      for (String line : lines) {
        if (!line.isBlank()) {
          try {
            out.add(JsonReader.read(line).root());
          } catch (JsonReader.JsonSyntaxException e) {
            throw whole;
          }
        }
      }
      if (out.size() < 2) {
        throw whole;
      }
      return out;
    }
  }
}
