// The whole-conversation evaluation: every simulated patient of tests/patients/data
// played against the real Bot, three phrasing variants each, figures printed held-out
// first. Gates: no conversation gets stuck, no level is ever lowered; no training patient
// whose gold level is urgent or emergency is under-triaged, and held-out ones no more
// often than data/heldout_known_misses.json records (the open gaps, target 0).
//
//   ./build/tests/patients/patients_test
//   KNEEBOT_PATIENTS_VERBOSE=1 ...   transcripts of the training failures (never held-out)
//   KNEEBOT_PATIENTS_ALL=1 ...       transcripts of every training conversation
//   KNEEBOT_PATIENTS_ONLY=<id> ...   one patient (a training one)
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "dialogs/dialog_engine.h"
#include "intents/understander.h"
#include "tests/patients/conversation.h"
#include "tests/patients/evaluation.h"
#include "tests/patients/patient.h"

namespace kneebot::test {
namespace {

constexpr int kVariants = 3;

struct Loaded {
  std::shared_ptr<const Understander> understander;
  std::shared_ptr<const DialogEngine> engine;
  std::vector<Patient> patients;
  Status status;
};

const Loaded& Content() {
  static const Loaded* loaded = [] {
    auto* l = new Loaded;
    std::unique_ptr<Understander> u;
    l->status = Understander::Load(std::string(KNEEBOT_SOURCE_DIR) + "/intents/data", &u);
    if (!l->status.ok()) return l;
    std::unique_ptr<DialogEngine> e;
    l->status =
        DialogEngine::Load({std::string(KNEEBOT_SOURCE_DIR) + "/dialogs/data", "US"}, *u, &e);
    if (!l->status.ok()) return l;
    l->understander = std::move(u);
    l->engine = std::move(e);
    l->status = LoadPatients(KNEEBOT_PATIENTS_DIR, &l->patients);
    return l;
  }();
  return *loaded;
}

// The second held-out set: patients written by fresh helpers after the first round of
// tuning, never seen by anyone tuning the bot; its figures estimate what a hidden set
// of patients would show.
bool SecondHeldOutSet(const Patient& p) {
  return p.file == "heldout/batch_g.json" || p.file == "heldout/batch_h.json";
}

struct Results {
  Evaluation heldout, second, train;
};

const Results& PlayAll() {
  static const Results* results = [] {
    auto* r = new Results;
    const Loaded& c = Content();
    const char* only = std::getenv("KNEEBOT_PATIENTS_ONLY");
    for (const Patient& p : c.patients) {
      if (only != nullptr && p.id != only) continue;
      for (int v = 0; v < kVariants; ++v) {
        ConversationResult run = PlayPatient(c.understander, c.engine, p, v);
        if (SecondHeldOutSet(p)) r->second.Add(p, run);
        (p.heldout ? r->heldout : r->train).Add(p, std::move(run));
      }
    }
    return r;
  }();
  return *results;
}

void PrintConversations(const std::vector<Failure>& list) {
  for (const Failure& f : list) {
    std::cout << "\n== " << f.patient->id << " (variant " << f.run.variant << "): " << f.why
              << "\n   rule: " << f.patient->rule << "\n";
    for (const std::string& line : f.run.transcript) std::cout << "   " << line << "\n";
  }
}

TEST(PatientsTest, ContentAndPatientsLoad) {
  ASSERT_TRUE(Content().status.ok()) << Content().status.ToString();
  int heldout = 0;
  for (const Patient& p : Content().patients) heldout += p.heldout;
  const int total = static_cast<int>(Content().patients.size());
  EXPECT_GE(total, 150) << "the evaluation needs at least 150 patients";
  EXPECT_GE(3 * heldout, total - 3) << "about a third of the patients must be held out";
}

TEST(PatientsTest, PrintsFiguresHeldOutFirst) {
  ASSERT_TRUE(Content().status.ok()) << Content().status.ToString();
  const Results& r = PlayAll();
  std::cout << "\n" << r.heldout.Table("Held-out patients") << "\n";
  if (r.second.runs() > 0) {
    std::cout << r.second.Table("  of them the second held-out set (written after tuning)")
              << "\n";
  }
  std::cout << r.train.Table("Training patients") << std::endl;
  if (std::getenv("KNEEBOT_PATIENTS_VERBOSE") != nullptr) PrintConversations(r.train.failures());
  if (std::getenv("KNEEBOT_PATIENTS_ALL") != nullptr) PrintConversations(r.train.all());
  EXPECT_GT(r.heldout.runs() + r.train.runs(), 0);
}

// The gates. Training patients: no serious under-triage, no stuck conversation, no
// lowered level. Held-out patients: no stuck conversation and no lowered level; their
// serious under-triage may not exceed the misses recorded, rule by rule, in
// data/heldout_known_misses.json (open gaps, target 0: a regression or a newly missed
// rule fails). Held-out failures are counted, never shown: their conversations must not
// be read to write patterns.
void ExpectGates(const Evaluation& e, const std::string& part) {
  EXPECT_EQ(e.stuck(), 0) << part << ": stuck conversations";
  EXPECT_EQ(e.lowered(), 0) << part << ": a level already given was lowered";
}

nlohmann::json KnownMisses() {
  std::ifstream in(std::string(KNEEBOT_PATIENTS_DIR) + "/heldout_known_misses.json");
  return nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
}

TEST(PatientsTest, NoSeriousUnderTriageNoStuckConversation) {
  ASSERT_TRUE(Content().status.ok()) << Content().status.ToString();
  ExpectGates(PlayAll().heldout, "held-out");
  ExpectGates(PlayAll().train, "training");
  EXPECT_EQ(PlayAll().train.serious_under_triaged(), 0)
      << "training: urgent or emergency patients under-triaged";
  for (const Failure& f : PlayAll().train.failures()) {
    const bool serious =
        f.why.rfind("under-triaged", 0) == 0 && f.patient->gold >= TriageLevel::kUrgent;
    if (f.why == "stuck" || serious || f.why.rfind("lowered", 0) == 0) {
      ADD_FAILURE() << f.patient->id << " (variant " << f.run.variant << "): " << f.why;
    }
  }
  const nlohmann::json known = KnownMisses();
  ASSERT_TRUE(known.is_object() && known.contains("serious_under_triage_by_rule"))
      << "data/heldout_known_misses.json is missing or malformed";
  const nlohmann::json& allowed = known["serious_under_triage_by_rule"];
  for (const auto& [rule, n] : PlayAll().heldout.serious_missed_by_rule()) {
    const int recorded = allowed.value(rule, 0);
    EXPECT_LE(n, recorded) << "held-out: rule " << rule << " under-triaged " << n
                           << " times, recorded " << recorded << " (a regression)";
  }
  for (const auto& [rule, n] : allowed.items()) {
    const auto& missed = PlayAll().heldout.serious_missed_by_rule();
    const int now = missed.count(rule) ? missed.at(rule) : 0;
    if (now < n.get<int>()) {
      std::cout << "held-out: rule " << rule << " now missed " << now << " times, "
                << n.get<int>() << " recorded: lower it in heldout_known_misses.json\n";
    }
  }
}

}  // namespace
}  // namespace kneebot::test
