package dev.mcppolicy.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The floor a replay is measured against: Jackson's streaming parser reading every record of a
 * trace and its timestamp, nothing else. Usage: {@code Floor TRACE}; prints the number of records.
 */
public final class Floor {
  private Floor() {}

  public static void main(String[] args) throws Exception {
    long records = 0;
    long checksum = 0;
    try (JsonParser p = new JsonFactory().createParser(Files.newInputStream(Path.of(args[0])))) {
      while (p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if (name.equals("ts")) {
            checksum += p.getText().length();
            records++;
          } else {
            p.skipChildren();
          }
        }
      }
    }
    System.out.println(records + " records (" + checksum + ")");
  }
}
