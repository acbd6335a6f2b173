// ws_bench: a small load generator for a running kneebot (not a test).
//
//   ws_bench PORT [CONNECTIONS=50] [MESSAGES=200]
//
// Each connection says hello, then sends MESSAGES frames one at a time (a
// person waits for the answer), cycling through a short benign conversation and
// restarting when it ends. Prints frames per second and round-trip percentiles.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tests/server/test_clients.h"

int main(int argc, char** argv) {
  using Clock = std::chrono::steady_clock;
  if (argc < 2) {
    std::fprintf(stderr, "usage: ws_bench PORT [CONNECTIONS] [MESSAGES]\n");
    return 2;
  }
  auto port = static_cast<uint16_t>(std::atoi(argv[1]));
  int connections = argc > 2 ? std::atoi(argv[2]) : 50;
  int messages = argc > 3 ? std::atoi(argv[3]) : 200;
  static const char* kScript[] = {
      "my knee hurts",  "/location=front", "/side=left",
      "/onset=gradual", "/injury=no",      "/swelling=no",
      "/duration=21",   "/severity=3",     "/weight_bearing=yes",
      "/locking=no",    "/giving_way=no",  "/age=34",
  };

  std::mutex mu;
  std::vector<double> rtts_us;
  std::atomic<int> errors{0}, failed_connections{0};
  auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&] {
      kneebot::test::WsClient ws;
      if (!ws.Connect(port) || !ws.Ask({{"type", "hello"}})) {
        ++failed_connections;
        return;
      }
      std::vector<double> mine;
      mine.reserve(messages);
      size_t step = 0;
      for (int m = 0; m < messages; ++m) {
        nlohmann::json frame = {{"type", "message"},
                                {"id", std::to_string(m)},
                                {"text", kScript[step++ % std::size(kScript)]}};
        auto t0 = Clock::now();
        auto r = ws.Ask(frame);
        auto t1 = Clock::now();
        if (!r || (*r)["type"] != "reply") {
          ++errors;
          if (!r) return;
        }
        if (r && (*r)["type"] == "reply" &&
            ((*r)["ended"] == true || (*r)["expecting"].is_null())) {
          ws.Ask({{"type", "restart"}});
          step = 1;
        }
        mine.push_back(
            std::chrono::duration<double, std::micro>(t1 - t0).count());
      }
      ws.Close();
      std::lock_guard lock(mu);
      rtts_us.insert(rtts_us.end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : threads) t.join();
  double secs = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(rtts_us.begin(), rtts_us.end());
  auto pct = [&](double p) {
    return rtts_us.empty()
               ? 0.0
               : rtts_us[static_cast<size_t>(p * (rtts_us.size() - 1))];
  };
  std::printf(
      "connections=%d (failed %d) frames=%zu errors=%d secs=%.2f "
      "frames_per_sec=%.0f "
      "rtt_us p50=%.0f p90=%.0f p99=%.0f max=%.0f\n",
      connections, failed_connections.load(), rtts_us.size(), errors.load(),
      secs, rtts_us.size() / secs, pct(0.5), pct(0.9), pct(0.99), pct(1.0));
  return errors.load() == 0 && failed_connections.load() == 0 ? 0 : 1;
}
