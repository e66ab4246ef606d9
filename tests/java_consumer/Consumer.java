import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;

/**
 * A Java program using slmatch through its C interface and JNA, as a case system would: it
 * holds the scheme in memory, matches it, prints the plan's report (the bytes {@code slmatch
 * match --format json} writes for the same options) and frees everything. It also checks that
 * an invalid scheme comes back as a status with its problems, not an exception or a crash.
 *
 * <p>Usage: {@code java -Djna.library.path=DIR Consumer SCHEME.json [OPTIONS_JSON]}
 */
public final class Consumer {
  private static final int OK = 0;
  private static final int INVALID_INPUT = 2;

  /** The functions of include/slmatch/c/slmatch.h this program calls. */
  public interface Slmatch extends Library {
    Slmatch LIB =
        Native.load(
            "slmatch_c", Slmatch.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));

    String slmatch_version();

    int slmatch_abi_version();

    String slmatch_last_error_message();

    String slmatch_last_error_problems();

    int slmatch_free(Pointer text);

    int slmatch_scheme_from_json(byte[] json, long length, PointerByReference scheme);

    int slmatch_scheme_free(Pointer scheme);

    int slmatch_match(Pointer scheme, String options, PointerByReference result);

    int slmatch_result_json(Pointer result, PointerByReference json);

    int slmatch_result_free(Pointer result);
  }

  private static final int ABI_VERSION = 1;

  private Consumer() {}

  /** Fail with the library's message unless the call succeeded. */
  private static void check(int status, String what) {
    if (status != OK) {
      throw new IllegalStateException(
          what + " failed (status " + status + "): " + Slmatch.LIB.slmatch_last_error_message());
    }
  }

  /** The text a library string holds, freed once read. */
  private static byte[] take(Pointer text) {
    try {
      return text.getString(0, "UTF-8").getBytes(StandardCharsets.UTF_8);
    } finally {
      check(Slmatch.LIB.slmatch_free(text), "freeing a string");
    }
  }

  private static byte[] report(byte[] schemeJson, String options) {
    Slmatch lib = Slmatch.LIB;
    PointerByReference scheme = new PointerByReference();
    check(lib.slmatch_scheme_from_json(schemeJson, schemeJson.length, scheme), "reading the scheme");
    try {
      PointerByReference result = new PointerByReference();
      check(lib.slmatch_match(scheme.getValue(), options, result), "matching");
      try {
        PointerByReference json = new PointerByReference();
        check(lib.slmatch_result_json(result.getValue(), json), "writing the report");
        return take(json.getValue());
      } finally {
        check(lib.slmatch_result_free(result.getValue()), "freeing the result");
      }
    } finally {
      check(lib.slmatch_scheme_free(scheme.getValue()), "freeing the scheme");
    }
  }

  /** An invalid scheme is a status and a list of problems, each with record and field. */
  private static void checkInvalidScheme() {
    byte[] invalid = "{\"id\": \"x\", \"policy\": {}, \"people\": [], \"households\": []}"
        .getBytes(StandardCharsets.UTF_8);
    PointerByReference scheme = new PointerByReference();
    int status = Slmatch.LIB.slmatch_scheme_from_json(invalid, invalid.length, scheme);
    String problems = Slmatch.LIB.slmatch_last_error_problems();
    if (status != INVALID_INPUT || !problems.contains("\"record\":\"policy\"")) {
      throw new IllegalStateException("an invalid scheme gave status " + status + ": " + problems);
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: Consumer SCHEME.json [OPTIONS_JSON]");
      System.exit(2);
    }
    if (Slmatch.LIB.slmatch_abi_version() != ABI_VERSION) {
      throw new IllegalStateException("library ABI " + Slmatch.LIB.slmatch_abi_version());
    }
    byte[] report = report(Files.readAllBytes(Paths.get(args[0])), args.length > 1 ? args[1] : null);
    checkInvalidScheme();
    System.out.write(report);
    System.out.flush();
  }
}
