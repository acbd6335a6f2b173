// Complaints about other body parts and health problems (tests/patients/data/{train,
// heldout}/other_complaints*.json, crowd-style, written without seeing the bot): each is the first
// message of a new conversation through the real Bot. It must get the decline (or the
// crisis line, or the emergency level) and no knee question; a knee complaint written the
// same way must get a knee question. Figures print held-out first.
//
//   KNEEBOT_SCOPE_VERBOSE=1 ./build/tests/patients/scope_corpus_test   training misses
#include <gtest/gtest.h>

#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "bot/bot.h"
#include "bot/session_store.h"
#include "dialogs/dialog_engine.h"
#include "intents/understander.h"
#include "tests/testing/fake_clock.h"

namespace kneebot::test {
namespace {

using nlohmann::json;

struct Complaint {
  std::string text, category;
  bool knee = false, emergency = false, crisis = false, heldout = false;
  bool second = false;  // the second held-out set, written after the first round of tuning
};

struct Tally {
  int other = 0, other_ok = 0, emergency = 0, emergency_ok = 0, crisis = 0, crisis_ok = 0,
      knee = 0, knee_ok = 0;
  std::vector<std::string> misses;

  std::string Lines(const std::string& name) const {
    auto pct = [](int a, int b) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.1f%% (%d/%d)", b ? 100.0 * a / b : 0.0, a, b);
      return std::string(buf);
    };
    return name + "\n" +
           "  not about the knee: declined, no knee question   " + pct(other_ok, other) + "\n" +
           "    of them emergencies given the emergency level   " + pct(emergency_ok, emergency) +
           "\n" + "    of them crises given the crisis line          " + pct(crisis_ok, crisis) +
           "\n" + "  knee complaints kept in the knee flow           " + pct(knee_ok, knee) + "\n";
  }
};

struct Loaded {
  std::shared_ptr<const Understander> understander;
  std::shared_ptr<const DialogEngine> engine;
  std::vector<Complaint> complaints;
  std::string error;
};

const Loaded& Content() {
  static const Loaded* loaded = [] {
    auto* l = new Loaded;
    std::unique_ptr<Understander> u;
    Status s = Understander::Load(std::string(KNEEBOT_SOURCE_DIR) + "/intents/data", &u);
    std::unique_ptr<DialogEngine> e;
    if (s.ok()) {
      s = DialogEngine::Load({std::string(KNEEBOT_SOURCE_DIR) + "/dialogs/data", "US"}, *u, &e);
    }
    if (!s.ok()) {
      l->error = s.ToString();
      return l;
    }
    l->understander = std::move(u);
    l->engine = std::move(e);
    namespace fs = std::filesystem;
    for (const char* split : {"train", "heldout"}) {
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(fs::path(KNEEBOT_PATIENTS_DIR) / split)) {
        if (e.path().filename().string().rfind("other_complaints", 0) == 0) {
          files.push_back(e.path());
        }
      }
      std::sort(files.begin(), files.end());
      for (const fs::path& f : files) {
        const std::string file = std::string(split) + "/" + f.filename().string();
        std::ifstream in(f);
        json doc = json::parse(in, nullptr, false);
        if (doc.is_discarded() || !doc.contains("complaints")) {
          l->error = file + ": not valid";
          return l;
        }
        for (const json& c : doc["complaints"]) {
          if (!c.contains("text") || !c.contains("split") ||
              (c["split"] == "heldout") != (std::string_view(split) == "heldout")) {
            l->error = file + ": a complaint without text or filed under the wrong split";
            return l;
          }
          l->complaints.push_back({c.at("text"), c.at("category"), c.at("about_knee"),
                                   c.at("emergency"), c.at("crisis"), c.at("split") == "heldout",
                                   f.filename() == "other_complaints_2.json"});
        }
      }
    }
    return l;
  }();
  return *loaded;
}

// The reply to `text` as the first message of a new conversation.
Reply FirstReply(const std::string& text) {
  FakeClock clock;
  MemorySessionStore store(&clock, std::chrono::hours(1));
  Bot bot(Content().understander, Content().engine, &store, &clock);
  Activity in;
  in.channel_id = "scope";
  in.text = text;
  Reply r;
  TurnInfo info;
  if (!bot.OnTurn(in, &r, &info).ok()) r.messages = {"<turn failed>"};
  return r;
}

void Score(const Complaint& c, Tally* t) {
  const Reply r = FirstReply(c.text);
  const bool emergency = r.triage && r.triage->level == TriageLevel::kEmergency;
  bool ok;
  if (c.knee) {
    ++t->knee;
    ok = r.scope == Scope::kKnee && (!r.expecting.empty() || r.triage.has_value());
    t->knee_ok += ok;
  } else {
    ++t->other;
    const bool declined = r.expecting.empty() && (r.scope == Scope::kOther ||
                                                  r.scope == Scope::kCrisis || emergency);
    ok = declined;
    if (c.emergency) {
      ++t->emergency;
      const bool given = emergency && r.expecting.empty();
      t->emergency_ok += given;
      ok = ok && given;
    }
    if (c.crisis) {
      ++t->crisis;
      const bool line = r.scope == Scope::kCrisis;
      t->crisis_ok += line;
      ok = ok && line;
    }
    t->other_ok += ok;
  }
  if (!ok) {
    t->misses.push_back("[" + c.category + "] " + c.text + "  -> scope " +
                        std::string(ScopeName(r.scope)) + ", expecting " +
                        (r.expecting.empty() ? "-" : r.expecting) +
                        (emergency ? ", emergency" : ""));
  }
}

TEST(ScopeCorpusTest, OtherComplaintsAreDeclinedAndKneeComplaintsKept) {
  ASSERT_TRUE(Content().error.empty()) << Content().error;
  ASSERT_GE(Content().complaints.size(), 500u);
  Tally heldout, second, train;
  for (const Complaint& c : Content().complaints) {
    Score(c, c.heldout ? &heldout : &train);
    if (c.second) Score(c, &second);
  }
  std::cout << "\n" << heldout.Lines("Held-out complaints") << "\n"
            << second.Lines("  of them the second held-out set (written after tuning)") << "\n"
            << train.Lines("Training complaints") << std::endl;
  if (std::getenv("KNEEBOT_SCOPE_VERBOSE") != nullptr) {
    for (const std::string& m : train.misses) std::cout << "  miss: " << m << "\n";
  }
  // Every crisis gets the crisis line; every training emergency the emergency level, and
  // held-out emergencies miss no more often than data/heldout_known_misses.json records
  // (an open gap, target 0). The rest are figures (held-out misses are counted, never
  // shown).
  EXPECT_EQ(heldout.crisis_ok + train.crisis_ok, heldout.crisis + train.crisis);
  EXPECT_EQ(train.emergency_ok, train.emergency);
  std::ifstream in(std::string(KNEEBOT_PATIENTS_DIR) + "/heldout_known_misses.json");
  const nlohmann::json known = nlohmann::json::parse(in, nullptr, false);
  ASSERT_TRUE(known.is_object() && known.contains("complaints_emergencies_missed"))
      << "data/heldout_known_misses.json is missing or malformed";
  const int missed = heldout.emergency - heldout.emergency_ok;
  EXPECT_LE(missed, known["complaints_emergencies_missed"].get<int>())
      << "held-out emergencies missed more often than recorded (a regression)";
}

}  // namespace
}  // namespace kneebot::test
