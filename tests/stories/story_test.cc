// Runs every conversation story in tests/stories/conversations through the real
// pipeline. See tests/stories/README.md for the format.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "bot/bot.h"
#include "bot/session_store.h"
#include "dialogs/dialog_engine.h"
#include "intents/understander.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::set<std::string> kProtocolSlots = {
    "location", "side",   "onset", "injury",      "swelling",        "duration", "severity",
    "weight_bearing", "locking", "giving_way", "fever", "calf", "circulation", "age",
    "aggravators", "training_change", "feet", "night_pain", "history"};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::vector<std::string> StoryFiles() {
  std::vector<std::string> files;
  std::error_code ec;  // a missing folder means no stories; the coverage test says so
  for (const auto& e : fs::directory_iterator(KNEEBOT_STORIES_DIR, ec)) {
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Loaded once per region for the whole suite.
struct Content {
  std::shared_ptr<const Understander> understander;
  std::map<std::string, std::shared_ptr<const DialogEngine>> engines;
};

Content& SharedContent() {
  static Content* content = [] {
    auto* c = new Content;
    std::unique_ptr<Understander> u;
    Status s = Understander::Load(std::string(KNEEBOT_SOURCE_DIR) + "/intents/data", &u);
    if (!s.ok()) throw std::runtime_error(s.ToString());
    c->understander = std::move(u);
    return c;
  }();
  return *content;
}

std::shared_ptr<const DialogEngine> EngineFor(const std::string& region) {
  Content& c = SharedContent();
  auto it = c.engines.find(region);
  if (it != c.engines.end()) return it->second;
  std::unique_ptr<DialogEngine> engine;
  Status s = DialogEngine::Load(
      {std::string(KNEEBOT_SOURCE_DIR) + "/dialogs/data", region}, *c.understander, &engine);
  if (!s.ok()) throw std::runtime_error(s.ToString());
  std::shared_ptr<const DialogEngine> shared = std::move(engine);
  c.engines[region] = shared;
  return shared;
}

std::string Describe(const Reply& r) {
  json j;
  j["messages"] = r.messages;
  j["expecting"] = r.expecting;
  j["triage"] = r.triage ? json(TriageName(r.triage->level)) : json(nullptr);
  json conds = json::array();
  for (const auto& c : r.conditions) conds.push_back(c.id);
  j["conditions"] = conds;
  json qrs = json::array();
  for (const auto& q : r.quick_replies) qrs.push_back(q.payload);
  j["quick_replies"] = qrs;
  j["ended"] = r.ended;
  j["asks"] = r.asks;
  j["scope"] = std::string(ScopeName(r.scope));
  j["rule_ids"] = r.rule_ids;
  return j.dump(2);
}

// flow.json's max_asks: no question is asked more often than this.
int MaxAsks() {
  static const int max_asks = [] {
    std::ifstream in(std::string(KNEEBOT_SOURCE_DIR) + "/dialogs/data/flow.json");
    return json::parse(in).value("max_asks", 2);
  }();
  return max_asks;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

class StoryTest : public testing::TestWithParam<std::string> {};

TEST_P(StoryTest, Runs) {
  std::ifstream in(GetParam());
  json story = json::parse(in);
  const std::string region = story.value("region", "US");
  auto engine = EngineFor(region);
  test::FakeClock clock;
  MemorySessionStore store(&clock, std::chrono::minutes(30));
  Bot bot(SharedContent().understander, engine, &store, &clock);

  std::string session_id;
  TriageLevel highest = TriageLevel::kNone;
  // The same question (expecting and the slots it asks) seen in this conversation, by
  // how often: a question asked more than max_asks times is a loop.
  std::map<std::string, int> asked;
  int asked_total = 0;
  const json& turns = story.at("turns");
  ASSERT_FALSE(turns.empty());
  for (size_t i = 0; i < turns.size(); ++i) {
    const json& t = turns[i];
    Activity a;
    a.channel_id = "test";
    a.session_id = session_id;
    std::string label;
    if (t.value("hello", false)) {
      a.type = ActivityType::kHello;
      label = "<hello>";
    } else if (t.value("restart", false)) {
      a.type = ActivityType::kRestart;
      label = "<restart>";
    } else {
      a.text = t.at("user").get<std::string>();
      label = a.text;
    }
    Reply r;
    TurnInfo info;
    ASSERT_KNEEBOT_OK(bot.OnTurn(a, &r, &info));
    session_id = r.session_id;
    const std::string where = "turn " + std::to_string(i) + " \"" + label + "\"\nreply: " +
                              Describe(r);
    const std::string text = Lower([&] {
      std::string all;
      for (const auto& m : r.messages) all += m + "\n";
      return all;
    }());

    // Invariants on every reply.
    ASSERT_FALSE(r.messages.empty()) << where;
    if (!r.expecting.empty()) {
      EXPECT_TRUE(kProtocolSlots.count(r.expecting)) << where;
    }
    if (r.triage) {
      EXPECT_GE(r.triage->level, highest) << "triage went down; " << where;
      EXPECT_FALSE(r.triage->reasons.empty()) << where;
      highest = std::max(highest, r.triage->level);
    }
    EXPECT_EQ(text.find("you have a "), std::string::npos) << where;
    EXPECT_EQ(text.find("you have an "), std::string::npos) << where;
    // No question asked more than max_asks times: counted from the replies (a resume
    // repeats the question without asking it again; a restart, typed or not, and an end
    // start the count over) and from the session's own count.
    {
      Session s;
      ASSERT_KNEEBOT_OK(store.Load(session_id, &s));
      int total = 0;
      for (const auto& [id, n] : s.asked) {
        total += n;
        EXPECT_LE(n, MaxAsks()) << "question " << id << " asked " << n << " times; " << where;
      }
      if (t.value("restart", false) || total < asked_total) asked.clear();
      asked_total = total;
    }
    if (!r.expecting.empty() && a.type != ActivityType::kHello) {
      const std::string key = r.expecting + "|" + Join(r.asks);
      EXPECT_LE(++asked[key], MaxAsks()) << "question asked again: " << key << "; " << where;
    }
    if (r.ended) asked.clear();

    if (!t.contains("expect")) continue;
    const json& e = t["expect"];
    if (e.contains("expecting")) {
      std::string want = e["expecting"].is_null() ? "" : e["expecting"].get<std::string>();
      EXPECT_EQ(r.expecting, want) << where;
    }
    if (e.contains("triage")) {
      if (e["triage"].is_null()) {
        EXPECT_FALSE(r.triage.has_value()) << where;
      } else {
        ASSERT_TRUE(r.triage.has_value()) << where;
        EXPECT_EQ(TriageName(r.triage->level), e["triage"].get<std::string>()) << where;
      }
    }
    if (e.contains("triage_at_least")) {
      ASSERT_TRUE(r.triage.has_value()) << where;
      auto want = ParseTriage(e["triage_at_least"].get<std::string>());
      ASSERT_TRUE(want.has_value()) << "bad level in story; " << where;
      EXPECT_GE(r.triage->level, *want) << where;
    }
    if (e.contains("triage_at_most") && r.triage) {
      auto want = ParseTriage(e["triage_at_most"].get<std::string>());
      ASSERT_TRUE(want.has_value()) << "bad level in story; " << where;
      EXPECT_LE(r.triage->level, *want) << where;
    }
    auto has_condition = [&](const std::string& id) {
      return std::any_of(r.conditions.begin(), r.conditions.end(),
                         [&](const ConditionHit& c) { return c.id == id; });
    };
    for (const auto& id : e.value("conditions_include", std::vector<std::string>{})) {
      EXPECT_TRUE(has_condition(id)) << "missing condition " << id << "; " << where;
    }
    for (const auto& id : e.value("conditions_exclude", std::vector<std::string>{})) {
      EXPECT_FALSE(has_condition(id)) << "unwanted condition " << id << "; " << where;
    }
    if (e.contains("top_condition")) {
      ASSERT_FALSE(r.conditions.empty()) << where;
      EXPECT_EQ(r.conditions.front().id, e["top_condition"].get<std::string>()) << where;
    }
    for (const auto& s : e.value("text_includes", std::vector<std::string>{})) {
      EXPECT_NE(text.find(Lower(s)), std::string::npos) << "missing text '" << s << "'; " << where;
    }
    for (const auto& s : e.value("text_excludes", std::vector<std::string>{})) {
      EXPECT_EQ(text.find(Lower(s)), std::string::npos) << "unwanted text '" << s << "'; " << where;
    }
    {
      size_t from = 0;
      for (const auto& s : e.value("text_in_order", std::vector<std::string>{})) {
        const size_t at = text.find(Lower(s), from);
        EXPECT_NE(at, std::string::npos) << "missing text '" << s << "' after the text before it; "
                                         << where;
        if (at == std::string::npos) break;
        from = at + s.size();
      }
    }
    if (e.contains("last_message_includes")) {
      const std::string last = Lower(r.messages.back());
      for (const auto& s : e["last_message_includes"].get<std::vector<std::string>>()) {
        EXPECT_NE(last.find(Lower(s)), std::string::npos)
            << "the last bubble lacks '" << s << "'; " << where;
      }
    }
    for (const auto& p : e.value("quick_replies_include", std::vector<std::string>{})) {
      bool found = std::any_of(r.quick_replies.begin(), r.quick_replies.end(),
                               [&](const QuickReply& q) { return q.payload == p; });
      EXPECT_TRUE(found) << "missing quick reply " << p << "; " << where;
    }
    if (e.contains("scope")) {
      EXPECT_EQ(std::string(ScopeName(r.scope)), e["scope"].get<std::string>()) << where;
    }
    for (const auto& slot : e.value("asks_include", std::vector<std::string>{})) {
      EXPECT_TRUE(Has(r.asks, slot)) << "the question does not ask " << slot << "; " << where;
    }
    for (const auto& slot : e.value("asks_exclude", std::vector<std::string>{})) {
      EXPECT_FALSE(Has(r.asks, slot)) << "the question asks " << slot << "; " << where;
    }
    for (const auto& id : e.value("rules_include", std::vector<std::string>{})) {
      EXPECT_TRUE(Has(r.rule_ids, id)) << "rule " << id << " not behind the level; " << where;
    }
    for (const auto& id : e.value("rules_exclude", std::vector<std::string>{})) {
      EXPECT_FALSE(Has(r.rule_ids, id)) << "rule " << id << " behind the level; " << where;
    }
    if (e.contains("ended")) {
      EXPECT_EQ(r.ended, e["ended"].get<bool>()) << where;
    }
    if (e.contains("slots") || e.contains("slots_absent") || e.contains("slots_exclude")) {
      Session s;
      ASSERT_KNEEBOT_OK(store.Load(session_id, &s));
      const json want_slots = e.value("slots", json::object());  // items() must not outlive it
      for (const auto& [slot, value] : want_slots.items()) {
        EXPECT_EQ(s.slots.value(slot, json()), value)
            << "slot " << slot << "; session slots " << s.slots.dump() << "; " << where;
      }
      const json unwanted = e.value("slots_exclude", json::object());
      for (const auto& [slot, value] : unwanted.items()) {
        EXPECT_NE(s.slots.value(slot, json()), value)
            << "slot " << slot << " should not be " << value.dump() << "; session slots "
            << s.slots.dump() << "; " << where;
      }
      for (const auto& slot : e.value("slots_absent", std::vector<std::string>{})) {
        EXPECT_FALSE(s.slots.contains(slot))
            << "slot " << slot << " should be empty; session slots " << s.slots.dump()
            << "; " << where;
      }
    }
  }
}

std::string StoryName(const testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Conversations, StoryTest, testing::ValuesIn(StoryFiles()),
                         StoryName);

TEST(StoryCoverageTest, AtLeastFortyStories) { EXPECT_GE(StoryFiles().size(), 40u); }

// ctest knows the stories that were there when the binary was built (CMakeLists.txt
// compiles their names in): a story added since would be skipped silently.
TEST(StoryCoverageTest, CtestListsEveryStory) {
  std::vector<std::string> built;
  std::istringstream names(KNEEBOT_STORY_NAMES);
  for (std::string name; names >> name;) built.push_back(name);
  std::sort(built.begin(), built.end());
  std::vector<std::string> found;
  for (const std::string& f : StoryFiles()) found.push_back(fs::path(f).filename().string());
  EXPECT_EQ(found, built) << "the stories changed since the build: rebuild before ctest";
}

}  // namespace
}  // namespace kneebot
