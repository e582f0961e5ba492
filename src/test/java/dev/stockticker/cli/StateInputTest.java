package dev.stockticker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stockticker.support.Connector;
import dev.stockticker.support.FakePolygon;
import dev.stockticker.support.Run;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every shape of --state a user or the platform passes starts the read where it says. */
class StateInputTest {
  @TempDir Path dir;
  @RegisterExtension final FakePolygon polygon =
      new FakePolygon().bars("AAPL", "2024-03-08=1", "2024-03-11=2");

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      platform array            | [{'type':'STREAM','stream':{'stream_descriptor':{'name':'stock_prices'},'stream_state':{'date':'2024-03-08'}},'sourceStats':{'recordCount':1.0}}] | 2024-03-09
      array with other streams  | [{'type':'STREAM','stream':{'stream_descriptor':{'name':'other'},'stream_state':{'date':'2000-01-01'}}},{'type':'STREAM','stream':{'stream_descriptor':{'name':'stock_prices'},'stream_state':{'date':'2024-03-08','tickers':{'AAPL':'2024-03-05'}}}}] | 2024-03-06
      single state message      | {'type':'STREAM','stream':{'stream_descriptor':{'name':'stock_prices'},'stream_state':{'date':'2024-03-08'}}} | 2024-03-09
      state message on stdout   | {'type':'STATE','state':{'type':'STREAM','stream':{'stream_descriptor':{'name':'stock_prices'},'stream_state':{'date':'2024-03-08'}}}} | 2024-03-09
      legacy message            | {'type':'LEGACY','data':{'stock_prices':{'date':'2024-03-08'}}} | 2024-03-09
      global message            | {'type':'GLOBAL','global':{'stream_states':[{'stream_descriptor':{'name':'stock_prices'},'stream_state':{'date':'2024-03-08'}}]}} | 2024-03-09
      tutorial state.json       | {'stock_prices':{'date':'2024-03-08'}} | 2024-03-09
      null stream_state         | [{'type':'STREAM','stream':{'stream_descriptor':{'name':'stock_prices'},'stream_state':null}}] | 2024-03-04
      empty array               | [] | 2024-03-04
      empty object              | {} | 2024-03-04
      empty file                | '' | 2024-03-04
      blank file                | '   ' | 2024-03-04
      """)
  void startsTheDayAfterTheCursor(String shape, String state, String expectedFrom)
      throws Exception {
    Connector connector = new Connector(dir, Instant.parse("2024-03-13T15:00:00Z"));
    String config = connector.file("config.json", "{\"api_key\":\"test-key-123\","
        + "\"stock_ticker\":\"AAPL\",\"start_date\":\"2024-03-04\",\"base_url\":\""
        + polygon.baseUrl() + "\"}");
    String stateFile = connector.file("state.json", state.replace('\'', '"'));

    Run run = connector.run("read", "--config", config, "--catalog",
        Path.of("incremental_configured_catalog.json").toAbsolutePath().toString(), "--state",
        stateFile);

    assertEquals(0, run.exitCode(), run.stdout());
    String path = polygon.server().takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath();
    if (path.equals("/stocks/v1/splits")) { // the split check, for a state with a cursor
      path = polygon.server().takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath();
    }
    assertEquals("/v2/aggs/ticker/AAPL/range/1/day/" + expectedFrom + "/2024-03-13", path);
  }
}
