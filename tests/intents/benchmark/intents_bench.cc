// Understander::Understand throughput on a mix of realistic messages (utterances/s is
// reported as items_per_second). Not a test: run by hand, e.g.
//   ./build/tests/intents/intents_bench --benchmark_min_time=1
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "intents/understander.h"

namespace kneebot {
namespace {

struct Utterance {
  const char* text;
  const char* expecting;
};

const Utterance kMix[] = {
    {"45, inner knee pain for 3 weeks after runs, bit swollen, didn't fall", ""},
    {"hi, my knee hurts", ""},
    {"yes", "swelling"},
    {"no", "injury"},
    {"about two weeks", "duration"},
    {"7", "severity"},
    {"/location=inside", ""},
    {"no swelling but it's hot and red", ""},
    {"can I still run parkrun on saturday?", ""},
    {"should I use ice or heat", ""},
    {"twisted my left knee skiing, heard a pop, it swelled up within an hour and now I can't "
     "put weight on it",
     ""},
    {"what exercises should I do?", ""},
    {"I don't have a fever, my calf is fine, no numbness", ""},
    {"actually it's the outside", "injury"},
    {"my shoulder hurts", ""},
    {"thanks, bye", ""},
};

const Understander& Shared() {
  static const Understander* u = [] {
    std::unique_ptr<Understander> loaded;
    Status s = Understander::Load(std::string(KNEEBOT_SOURCE_DIR) + "/intents/data", &loaded);
    if (!s.ok()) {
      fprintf(stderr, "%s\n", s.ToString().c_str());
      std::abort();
    }
    return loaded.release();
  }();
  return *u;
}

void BM_Understand(benchmark::State& state) {
  const Understander& u = Shared();
  size_t i = 0;
  for (auto _ : state) {
    const Utterance& m = kMix[i++ % std::size(kMix)];
    benchmark::DoNotOptimize(u.Understand(m.text, m.expecting));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Understand);
// The same shared const Understander from several threads at once.
BENCHMARK(BM_Understand)->Threads(2)->Threads(4)->UseRealTime();

void BM_LongMessage(benchmark::State& state) {
  const Understander& u = Shared();
  std::string text;
  while (text.size() < 2000) text += "my knee hurts on the inside after long runs, no swelling. ";
  for (auto _ : state) benchmark::DoNotOptimize(u.Understand(text, ""));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LongMessage);

void BM_Load(benchmark::State& state) {
  for (auto _ : state) {
    std::unique_ptr<Understander> loaded;
    Status s = Understander::Load(std::string(KNEEBOT_SOURCE_DIR) + "/intents/data", &loaded);
    benchmark::DoNotOptimize(s.ok());
  }
}
BENCHMARK(BM_Load)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kneebot

BENCHMARK_MAIN();
