#include "dialogs/assessment.h"

#include <algorithm>

namespace kneebot {

namespace {

// The summary names the main reason; the details ("Why these causes?") list them all.
constexpr size_t kSummaryReasons = 1;

void AddUnique(std::vector<std::string>* v, const std::string& s) {
  if (std::find(v->begin(), v->end(), s) == v->end()) v->push_back(s);
}

std::string Join(const std::vector<std::string>& items, const std::string& sep,
                 size_t at_most = SIZE_MAX) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < at_most; ++i) out += (i ? sep : "") + items[i];
  return out;
}

}  // namespace

const std::vector<std::string>& AssessmentWriter::ResponseIds() {
  static const std::vector<std::string> kIds = {
      "assess_emergency",        "assess_urgent",         "assess_doctor",
      "assess_self_care",        "assess_reasons",        "assess_causes",
      "assess_no_cause",         "assess_safety_emergency", "assess_safety_urgent",
      "assess_safety_doctor",    "assess_safety_self_care", "details_reasons",
      "details_causes",          "details_no_cause",      "home_care_generic"};
  return kIds;
}

const std::vector<std::string>& AssessmentWriter::ListResponseIds() {
  static const std::vector<std::string> kIds = {"assess_reasons", "assess_causes",
                                                "details_reasons", "details_causes"};
  return kIds;
}

Assessment AssessmentWriter::Make(const Session& s) const {
  TriageResult result = rules_->Assess(s.slots);
  Assessment a;
  a.level = result.level;
  a.reasons = result.reasons;
  a.rule_ids = result.rule_ids;
  if (s.triage_floor >= result.level && !s.triage_reasons.empty()) {
    // A level already given stands, and its red flags lead the reasons. A self_care
    // result only carries the default "no warning signs" reason, which would
    // contradict it.
    a.level = s.triage_floor;
    a.reasons = s.triage_reasons;
    a.rule_ids = s.fired_red_flags;
    if (result.level > TriageLevel::kSelfCare) {
      for (const auto& reason : result.reasons) AddUnique(&a.reasons, reason);
      for (const auto& id : result.rule_ids) AddUnique(&a.rule_ids, id);
    }
  }
  a.causes = knowledge_->Rank(s.slots);
  return a;
}

void AssessmentWriter::WriteSummary(const Assessment& a, Reply* r) const {
  const std::string level(TriageName(a.level));
  responses_->Say("assess_" + level, &r->messages);
  responses_->Say("assess_reasons", &r->messages, Join(a.reasons, "; ", kSummaryReasons));
  if (a.causes.empty()) {
    responses_->Say("assess_no_cause", &r->messages);
  } else {
    std::vector<std::string> names;
    for (const RankedCondition& c : a.causes) names.push_back(c.info->name);
    responses_->Say("assess_causes", &r->messages, Join(names, ", "));
  }
  responses_->Say("assess_safety_" + level, &r->messages);

  r->triage = Triage{a.level, a.reasons};
  r->rule_ids = a.rule_ids;
  for (const RankedCondition& c : a.causes) {
    r->conditions.push_back({c.info->id, c.info->name, Join(c.whys, "; ")});
  }
}

void AssessmentWriter::WriteDetails(const Assessment& a, Reply* r) const {
  responses_->Say("details_reasons", &r->messages, "\n- " + Join(a.reasons, "\n- "));
  if (a.causes.empty()) {
    responses_->Say("details_no_cause", &r->messages);
    return;
  }
  std::string lines;
  for (const RankedCondition& c : a.causes) {
    lines += "\n- " + c.info->name + ": " + Join(c.whys, "; ");
  }
  responses_->Say("details_causes", &r->messages, lines);
}

void AssessmentWriter::WriteHomeCare(const Assessment& a, Reply* r) const {
  const bool own = !a.causes.empty() && !a.causes.front().info->care.empty();
  responses_->Say(own ? a.causes.front().info->care : "home_care_generic", &r->messages);
}

}  // namespace kneebot
