// Understander::Understand throughput over the whole labelled corpus (tests/data, both
// parts: every utterance under 200 characters, with the question it answers), reported
// as items_per_second = utterances per second. Not a test: run by hand, e.g.
//   ./build/tests/intents/intents_bench --benchmark_filter=BM_Corpus --benchmark_min_time=2
// Issue 3's target is 200,000 utterances/s on one thread (BM_Corpus) in Release.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "intents/understander.h"

namespace kneebot {
namespace {

struct Utterance {
  std::string text;
  std::string expecting;
};

// The corpus texts only: nothing of them is printed.
const std::vector<Utterance>& Corpus() {
  static const std::vector<Utterance> corpus = [] {
    std::vector<Utterance> out;
    for (const char* name : {"corpus.train.json", "corpus.heldout.json"}) {
      std::ifstream in(std::string(KNEEBOT_SOURCE_DIR) + "/tests/data/" + name);
      if (!in.good()) {
        fprintf(stderr, "cannot open tests/data/%s\n", name);
        std::abort();
      }
      const nlohmann::json doc = nlohmann::json::parse(in);
      for (const auto& u : doc.at("utterances")) {
        std::string text = u.at("text");
        if (text.size() < 200) out.push_back({std::move(text), u.value("expecting", "")});
      }
    }
    return out;
  }();
  return corpus;
}

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

void BM_Corpus(benchmark::State& state) {
  const Understander& u = Shared();
  const std::vector<Utterance>& corpus = Corpus();
  size_t i = 0;
  for (auto _ : state) {
    const Utterance& m = corpus[i++ % corpus.size()];
    benchmark::DoNotOptimize(u.Understand(m.text, m.expecting));
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["utterances"] = static_cast<double>(corpus.size());
}
BENCHMARK(BM_Corpus);
// The same shared const Understander from several threads at once.
BENCHMARK(BM_Corpus)->Threads(2)->Threads(4)->UseRealTime();

// The same messages, each understood 16 times in a row: the caches stay warm, so the
// gap to BM_Corpus is what a message costs in memory traffic (RE2's DFA states, the
// tables) rather than in instructions.
void BM_CorpusWarm(benchmark::State& state) {
  const Understander& u = Shared();
  const std::vector<Utterance>& corpus = Corpus();
  size_t i = 0;
  for (auto _ : state) {
    const Utterance& m = corpus[(i++ / 16) % corpus.size()];
    benchmark::DoNotOptimize(u.Understand(m.text, m.expecting));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CorpusWarm);

// Messages never seen before: two corpus utterances joined ("i am 45 , it clicks when i
// squat"), a different pair each time (about a million pairs under 200 characters), so
// RE2 keeps building DFA states as a server meeting new phrasings would. BM_Corpus
// repeats its messages and has every state built after the first pass.
void BM_NovelMessages(benchmark::State& state) {
  const Understander& u = Shared();
  const std::vector<Utterance>& corpus = Corpus();
  const size_t n = corpus.size();
  size_t i = 0, j = 1;
  std::string text;
  for (auto _ : state) {
    do {
      // Walk the pairs (i, j) row by row, skipping those 200 characters or longer.
      if (++j == n) {
        j = 0;
        i = (i + 1) % n;
      }
    } while (corpus[i].text.size() + corpus[j].text.size() + 3 >= 200);
    text = corpus[i].text;
    text += " , ";
    text += corpus[j].text;
    benchmark::DoNotOptimize(u.Understand(text, ""));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NovelMessages);

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
