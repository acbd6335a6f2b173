// A developer's tool, not a test: reads one JSON object a line on stdin,
// {"text": "...", "expecting": "location", "today": 3}, and writes what the Understander read, one
// JSON object a line: {"intent", "intents", "slots", "answer", "correction"}. Handy for
// checking many phrasings at once while editing intents/data:
//
//   echo '{"text":"swelled up within an hour","expecting":""}' | ./understand_tool
#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "intents/understander.h"

int main() {
  using nlohmann::json;
  std::unique_ptr<kneebot::Understander> u;
  kneebot::Status s =
      kneebot::Understander::Load(std::string(KNEEBOT_SOURCE_DIR) + "/intents/data", &u);
  if (!s.ok()) {
    std::cerr << s.ToString() << "\n";
    return 1;
  }
  constexpr const char* kAnswers[] = {"none", "yes", "no", "unsure", "partial"};
  std::string line;
  while (std::getline(std::cin, line)) {
    const json in = json::parse(line, nullptr, false);
    if (in.is_discarded() || !in.contains("text")) {
      std::cout << "{}\n";
      continue;
    }
    // "today": 0 (Sunday) to 6; without it, durations named by a weekday are not read.
    const std::string text = in.value("text", ""), expecting = in.value("expecting", "");
    const kneebot::Understanding r =
        in.contains("today")
            ? u->Understand(text, expecting, static_cast<kneebot::Weekday>(in.value("today", 0)))
            : u->Understand(text, expecting);
    json out = {{"intent", r.intent},
                {"intents", r.intents},
                {"slots", r.slots},
                {"answer", kAnswers[static_cast<int>(r.answer)]},
                {"correction", r.correction}};
    std::cout << out.dump() << "\n";
  }
  return 0;
}
