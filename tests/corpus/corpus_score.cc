#include "tests/corpus/corpus_score.h"

#include <map>
#include <set>
#include <sstream>

namespace kneebot::test {
namespace {

using nlohmann::json;

// Intents that send the conversation somewhere else: recognising one that was not
// labelled is an error even when the labelled intents were found too.
const std::set<std::string> kSteeringIntents = {
    "out_of_scope_body", "out_of_scope_other", "urgent_non_knee", "restart",
    "goodbye",           "forget_me",          "human"};

// Flattens slots into comparable (slot, value) pairs; list slots give one pair each.
std::set<std::pair<std::string, std::string>> Pairs(const json& slots) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& [name, value] : slots.items()) {
    if (value.is_array()) {
      for (const auto& v : value) out.insert({name, v.dump()});
    } else {
      out.insert({name, value.dump()});
    }
  }
  return out;
}

double Ratio(int num, int den) { return den == 0 ? 1.0 : static_cast<double>(num) / den; }

}  // namespace

bool IsRedFlagFinding(const std::string& slot, const json& value) {
  static const std::map<std::string, std::set<std::string>> kAlarming = {
      {"fever", {"yes"}},           {"calf", {"yes"}},
      {"circulation", {"numb", "cold"}}, {"deformity", {"yes"}},
      {"breathless", {"yes"}},      {"cant_straighten", {"yes"}},
      {"kneecap_dislocated", {"yes"}}, {"hot_knee", {"yes"}},
      {"weight_bearing", {"no"}},   {"locking", {"locked"}},
      {"swelling", {"rapid"}},      {"giving_way", {"yes"}},
      {"cant_bend", {"yes"}},       {"mechanism", {"high_energy"}}};
  auto it = kAlarming.find(slot);
  return it != kAlarming.end() && value.is_string() && it->second.count(value.get<std::string>());
}

double CorpusScore::IntentAccuracy() const { return Ratio(intents_right, utterances); }
double CorpusScore::SlotPrecision() const {
  return Ratio(slot_true_pos, slot_true_pos + slot_false_pos);
}
double CorpusScore::SlotRecall() const {
  return Ratio(slot_true_pos, slot_true_pos + slot_false_neg);
}
double CorpusScore::SlotF1() const {
  double p = SlotPrecision(), r = SlotRecall();
  return p + r == 0 ? 0 : 2 * p * r / (p + r);
}

double CorpusScore::KneeComplaintsIn() const { return Ratio(knee_complaints_in, knee_complaints); }
double CorpusScore::OtherComplaintsOut() const {
  return Ratio(other_complaints_out, other_complaints);
}

std::string CorpusScore::Summary(const std::string& name) const {
  std::ostringstream out;
  out.precision(1);
  out << std::fixed << name << ": " << utterances << " utterances, intent accuracy "
      << 100 * IntentAccuracy() << "%, slot precision " << 100 * SlotPrecision()
      << "%, recall " << 100 * SlotRecall() << "%, F1 " << 100 * SlotF1()
      << "%, red flags flipped " << red_flags_flipped << ", missed " << red_flags_missed
      << ", negation errors " << negation_errors
      << "\n  scope: knee complaints into the knee flow " << knee_complaints_in << "/"
      << knee_complaints << " (" << 100 * KneeComplaintsIn()
      << "%), other complaints and requests kept out " << other_complaints_out << "/"
      << other_complaints << " (" << 100 * OtherComplaintsOut() << "%)";
  return out.str();
}

CorpusScore ScoreCorpus(const Understander& understander, const json& corpus) {
  CorpusScore score;
  for (const auto& item : corpus.at("utterances")) {
    const std::string text = item.at("text");
    const std::string expecting = item.value("expecting", "");
    Understanding u = understander.Understand(text, expecting);
    ++score.utterances;
    std::ostringstream why;

    std::set<std::string> want_intents = item.value("intents", std::set<std::string>{});
    std::set<std::string> got_intents(u.intents.begin(), u.intents.end());
    bool intents_ok = true;
    for (const auto& w : want_intents) intents_ok &= got_intents.count(w) > 0;
    for (const auto& g : got_intents) {
      if (kSteeringIntents.count(g) && !want_intents.count(g)) intents_ok = false;
    }
    const bool out_of_scope = got_intents.count("out_of_scope_body") ||
                              got_intents.count("out_of_scope_other");
    if (want_intents.count("report_knee_pain")) {
      ++score.knee_complaints;
      const bool in = got_intents.count("report_knee_pain") && !out_of_scope;
      if (in) ++score.knee_complaints_in;
      if (!in) why << " knee complaint kept out of the knee flow;";
    }
    if (want_intents.count("out_of_scope_body") || want_intents.count("out_of_scope_other")) {
      ++score.other_complaints;
      const bool out = !got_intents.count("report_knee_pain");
      if (out) ++score.other_complaints_out;
      if (!out) why << " out of scope read as a knee complaint;";
    }
    if (intents_ok) {
      ++score.intents_right;
    } else {
      why << " intents want " << json(want_intents).dump() << " got "
          << json(got_intents).dump();
    }

    const json want_slots = item.value("slots", json::object());
    auto want = Pairs(want_slots), got = Pairs(u.slots);
    for (const auto& p : got) {
      if (want.count(p)) {
        ++score.slot_true_pos;
      } else {
        ++score.slot_false_pos;
        why << " extra " << p.first << "=" << p.second;
        if (IsRedFlagFinding(p.first, json::parse(p.second))) ++score.red_flags_flipped;
      }
    }
    for (const auto& [slot, want_value] : want_slots.items()) {
      auto read = u.slots.find(slot);
      if (!want_value.is_string() || read == u.slots.end() || !read->is_string()) continue;
      const std::string w = want_value, g = *read;
      auto negative = [](const std::string& v) { return v == "no" || v == "none"; };
      if (w != "unsure" && g != "unsure" && negative(w) != negative(g)) {
        ++score.negation_errors;
        why << " negation error on " << slot << ";";
      }
    }
    for (const auto& p : want) {
      if (got.count(p)) continue;
      ++score.slot_false_neg;
      why << " missing " << p.first << "=" << p.second;
      if (IsRedFlagFinding(p.first, json::parse(p.second))) ++score.red_flags_missed;
    }
    if (!why.str().empty()) {
      score.failures.push_back("\"" + text + "\"" +
                               (expecting.empty() ? "" : " [expecting " + expecting + "]") +
                               ":" + why.str());
    }
  }
  return score;
}

}  // namespace kneebot::test
