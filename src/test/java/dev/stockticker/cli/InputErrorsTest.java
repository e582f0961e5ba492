package dev.stockticker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stockticker.support.Connector;
import dev.stockticker.support.Run;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad config, catalog and state files: each is a config_error TRACE naming the file and the field,
 * exit 1, before any request (the base URL points at a closed port, so a request would also fail).
 */
class InputErrorsTest {
  private static final String GOOD_CONFIG =
      "{'api_key':'test-key-123','stock_ticker':'AAPL','base_url':'http://127.0.0.1:9'}";
  private static final String GOOD_CATALOG =
      "{'streams':[{'stream':{'name':'stock_prices','json_schema':{},'supported_sync_modes':"
          + "['incremental']},'sync_mode':'incremental','destination_sync_mode':'append'}]}";

  @TempDir Path dir;

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      config  | {'api_key':'test-key-123','stock_ticker':'AAPL','start_date':'2024/01/02'} | start_date | YYYY-MM-DD
      config  | {'api_key':'test-key-123','stock_ticker':'AAPL','end_date':'yesterday'}    | end_date   | YYYY-MM-DD
      config  | {'api_key':'test-key-123','stock_ticker':'AAPL','start_date':'2024-03-10','end_date':'2024-03-01'} | end_date | on or after start_date
      config  | {'api_key':'test-key-123','stock_ticker':' , ,'}                       | stock_ticker | at least one ticker
      config  | {'api_key':'test-key-123','stock_ticker':'AAPL, MS FT'}                | stock_ticker | MS FT
      config  | {'api_key':'test-key-123','stock_ticker':'AAPL$'}                      | stock_ticker | AAPL$
      config  | {'api_key':'test-key-123','stock_ticker':'AAPL','base_url':'ftp://x.com'} | base_url | http:// or https://
      config  | {'api_key':'test-key-123','stock_ticker':'AAPL','base_url':'not a url'} | base_url | http:// or https://
      config  | {'stock_ticker':'AAPL'}                                                | api_key | required
      config  | {'api_key':'test-key-ü23','stock_ticker':'AAPL'}                       | api_key | printable ASCII
      config  | {'api_key':'test-key-123'}                                             | stock_ticker | required
      config  | {'api_key':'test-key-123','stock_ticker':7}                            | stock_ticker | string
      config  | {'api_key':'test-key-123','stock_ticker':'AAPL','adjusted':'yes'}      | adjusted | true or false
      config  | {'api_key':'test-key-123','stock_ticker':'AAPL','requests_per_minute':0} | requests_per_minute | whole number
      config  | {'api_key':'test-key-123','stock_ticker':'AAPL','lookback_days':1.5}   | lookback_days | whole number
      config  | ['api_key']                                                            | JSON object | api_key
      config  | {'api_key': oops}                                                      | not valid JSON | config
      config  | <missing>                                                              | does not exist | config
      catalog | {'streams':[{'stream':{'name':'stock_prices'},'sync_mode':'INVALID','destination_sync_mode':'append'}]} | streams[0].sync_mode | INVALID
      catalog | {'streams':[{'stream':{'name':'bitcoin'},'sync_mode':'incremental','destination_sync_mode':'append'}]} | bitcoin | stock_prices
      catalog | {'streams':{}}                                                         | streams | array
      catalog | [1,2                                                                   | not valid JSON | catalog
      state   | {'stock_prices':{'date':'03/08/2024'}}                                 | stock_prices.date | YYYY-MM-DD
      state   | [{'type':'STREAM','stream':{'stream_descriptor':{'name':'stock_prices'},'stream_state':{'date':20240308}}}] | stock_prices.date | YYYY-MM-DD
      state   | {'stock_prices':{'tickers':{'AAPL':'soon'}}}                           | stock_prices.tickers.AAPL | YYYY-MM-DD
      state   | [{'type':'STREAM','stream':{'stream_descriptor':{'name':'stock_prices'},'stream_state':[1]}}] | stream_state | object
      state   | [{'type':'PARTIAL'}]                                                   | [0].type | STREAM
      state   | 42                                                                     | top level | array
      state   | {not json                                                              | not valid JSON | state
      """)
  void isAConfigErrorNamingFileAndField(String file, String content, String field,
      String expected) {
    Connector connector = new Connector(dir, Instant.parse("2024-03-13T15:00:00Z"));
    String config = connector.file("config.json", json(GOOD_CONFIG));
    String catalog = connector.file("catalog.json", json(GOOD_CATALOG));
    List<String> args = new ArrayList<>(List.of("read", "--config", config, "--catalog", catalog));
    String path = content.equals("<missing>") ? dir.resolve("absent.json").toString()
        : connector.file("bad-" + file + ".json", json(content));
    switch (file) {
      case "config" -> args.set(2, path);
      case "catalog" -> args.set(4, path);
      default -> args.addAll(List.of("--state", path));
    }

    Run run = connector.run(args.toArray(String[]::new));

    assertEquals(1, run.exitCode(), run.stdout());
    String message = run.error().get("message").asText();
    assertEquals("config_error", run.error().get("failure_type").asText());
    assertTrue(message.contains(path), "names the file: " + message);
    assertTrue(message.contains(field), "names " + field + ": " + message);
    assertTrue(message.contains(expected), "says " + expected + ": " + message);
    assertTrue(run.records().isEmpty() && run.states().isEmpty());
    assertTrue(!run.stdout().contains("test-key-123"));
  }

  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }
}
