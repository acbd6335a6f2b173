// The random patient: answers drawn at random from every state of the flow (the right
// buttons, other questions' buttons, other slots' facts in words, noise, empty, very
// long, side questions, yes/no/not sure) must still reach an assessment or a clear end
// within a fixed number of turns, no question asked more than twice, no level lowered.
// Thousands of seeded walks; every question of flow.json must be visited.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "bot/bot.h"
#include "bot/session_store.h"
#include "dialogs/dialog_engine.h"
#include "intents/understander.h"
#include "tests/testing/fake_clock.h"

namespace kneebot::test {
namespace {

using nlohmann::json;

constexpr int kWalks = 3000;
// Each question at most twice, about 14 questions, plus the side answers: a walk that
// needs more than this is stuck.
constexpr int kMaxTurns = 40;

struct Content {
  std::shared_ptr<const Understander> understander;
  std::shared_ptr<const DialogEngine> engine;
  std::vector<std::string> question_ids;
  std::vector<std::string> payloads;  // every quick reply of flow.json
  Status status;
};

const Content& Loaded() {
  static const Content* c = [] {
    auto* c = new Content;
    const std::string root = KNEEBOT_SOURCE_DIR;
    std::unique_ptr<Understander> u;
    c->status = Understander::Load(root + "/intents/data", &u);
    std::unique_ptr<DialogEngine> e;
    if (c->status.ok()) c->status = DialogEngine::Load({root + "/dialogs/data", "US"}, *u, &e);
    if (!c->status.ok()) return c;
    c->understander = std::move(u);
    c->engine = std::move(e);
    std::ifstream in(root + "/dialogs/data/flow.json");
    const json flow = json::parse(in);
    for (const json& q : flow["questions"]) {
      c->question_ids.push_back(q.value("id", q.value("slot", "")));
      for (const json& r : q.value("quick_replies", json::array())) c->payloads.push_back(r["payload"]);
      for (const json& i : q.value("checklist", json::array())) {
        c->payloads.push_back("/" + i["slot"].get<std::string>() + "=" + i["value"].get<std::string>());
      }
    }
    return c;
  }();
  return *c;
}

// Facts in words, about any slot, as a person might volunteer them at any moment.
const std::vector<std::string>& Facts() {
  static const std::vector<std::string> kFacts = {
      "it's on the inside", "outer side", "behind the knee", "below the kneecap",
      "I twisted it playing football", "no injury, it came on slowly", "I fell off my bike",
      "about 3 weeks", "since yesterday", "two months", "it's swollen", "not swollen",
      "swelled up within an hour", "I'm 45", "twelve years old", "72", "I can walk fine",
      "I'm limping", "it clicks", "it locks sometimes", "it gives way", "no fever",
      "my calf is red and sore", "my calf is fine", "I'm a bit short of breath",
      "stairs make it worse", "going downhill", "I ran more than usual", "it hurts at night",
      "I've had surgery on it", "I'm on blood thinners", "my foot feels numb",
      "my foot is cold and pale", "the knee looks out of place", "I can't straighten it",
      "I can't bend it past halfway", "my hip hurts too", "pain is 7 out of 10",
      "left knee", "both knees"};
  return kFacts;
}

const std::vector<std::string>& Noise() {
  static const std::vector<std::string> kNoise = {
      "asdf", "???", "lol", "hmm", "what", "ok", "the cat sat on the mat", "12345",
      "blue", "potato", "idk man", "\xF0\x9F\x98\x80", "..." , "knee", "it", "sort of"};
  return kNoise;
}

const std::vector<std::string>& Shorts() {
  static const std::vector<std::string> kShorts = {"yes", "no", "not sure", "none of these",
                                                   "maybe", "nope", "yeah", "a bit"};
  return kShorts;
}

const std::vector<std::string>& SideQuestions() {
  static const std::vector<std::string> kSide = {"should I ice it?", "can I keep running?",
                                                 "what exercises help?", "hi", "thanks",
                                                 "are you a bot?", "why?"};
  return kSide;
}

template <typename T>
const T& Pick(const std::vector<T>& v, std::mt19937* rng) {
  return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(*rng)];
}

// A random answer to `r`.
std::string RandomAnswer(const Reply& r, std::mt19937* rng) {
  const int roll = std::uniform_int_distribution<int>(0, 99)(*rng);
  if (roll < 30 && !r.quick_replies.empty()) return Pick(r.quick_replies, rng).payload;
  if (roll < 45) return Pick(Loaded().payloads, rng);  // another question's button
  if (roll < 60) return Pick(Facts(), rng);
  if (roll < 70) return Pick(Noise(), rng);
  if (roll < 78) return "";
  if (roll < 82) return std::string(3000, 'a') + " knee " + std::string(500, 'z');
  if (roll < 90) return Pick(Shorts(), rng);
  return Pick(SideQuestions(), rng);
}

struct Walk {
  bool ended = false;
  bool lowered = false;
  int max_asked = 0;
  int turns = 0;
  std::set<std::string> asked_ids;
  std::string trace;  // for a failure message
};

Walk RandomWalk(unsigned seed) {
  std::mt19937 rng(seed);
  FakeClock clock;
  MemorySessionStore store(&clock, std::chrono::hours(1));
  Bot bot(Loaded().understander, Loaded().engine, &store, &clock);
  Walk w;
  Activity in;
  in.channel_id = "random";
  in.type = seed % 2 ? ActivityType::kHello : ActivityType::kMessage;
  in.text = Pick(Facts(), &rng);
  TriageLevel highest = TriageLevel::kNone;
  std::string session;
  for (; w.turns < kMaxTurns; ++w.turns) {
    in.session_id = session;
    Reply r;
    TurnInfo info;
    if (!bot.OnTurn(in, &r, &info).ok()) break;
    session = r.session_id;
    w.trace += "> " + in.text.substr(0, 60) + "\n< " + (r.expecting.empty() ? "-" : r.expecting) + "\n";
    if (r.triage) {
      if (r.triage->level < highest) w.lowered = true;
      highest = MaxTriage(highest, r.triage->level);
    }
    Session s;
    if (store.Load(session, &s).ok()) {
      for (const auto& [id, times] : s.asked) {
        w.max_asked = std::max(w.max_asked, times);
        w.asked_ids.insert(id);
      }
    }
    if (r.expecting.empty() || r.ended) {
      w.ended = true;
      break;
    }
    in = Activity();
    in.channel_id = "random";
    in.text = RandomAnswer(r, &rng);
  }
  return w;
}

TEST(RandomPatientTest, EveryWalkEndsNoQuestionThriceEveryQuestionVisited) {
  ASSERT_TRUE(Loaded().status.ok()) << Loaded().status.ToString();
  std::set<std::string> visited;
  int ended = 0, longest = 0;
  for (unsigned seed = 1; seed <= kWalks; ++seed) {
    const Walk w = RandomWalk(seed);
    visited.insert(w.asked_ids.begin(), w.asked_ids.end());
    longest = std::max(longest, w.turns);
    ended += w.ended;
    ASSERT_TRUE(w.ended) << "seed " << seed << " did not end in " << kMaxTurns << " turns:\n"
                         << w.trace;
    ASSERT_LE(w.max_asked, 2) << "seed " << seed << " asked a question three times:\n" << w.trace;
    ASSERT_FALSE(w.lowered) << "seed " << seed << " lowered a level:\n" << w.trace;
  }
  for (const std::string& id : Loaded().question_ids) {
    EXPECT_TRUE(visited.count(id)) << "no walk reached question '" << id << "'";
  }
  std::cout << "[ random patient ] " << ended << "/" << kWalks << " walks ended; longest "
            << longest << " turns; " << visited.size() << " questions visited\n";
}

}  // namespace
}  // namespace kneebot::test
