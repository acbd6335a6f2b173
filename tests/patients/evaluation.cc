#include "tests/patients/evaluation.h"

#include <algorithm>
#include <cstdio>

namespace kneebot::test {

namespace {

double Median(std::vector<int> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

std::string Percent(int part, int whole) {
  char buf[64];
  if (whole == 0) return "n/a";
  std::snprintf(buf, sizeof buf, "%.1f%% (%d/%d)", 100.0 * part / whole, part, whole);
  return buf;
}

}  // namespace

void Evaluation::Fail(const Patient& p, const ConversationResult& r, const std::string& why) {
  failures_.push_back({&p, r, why});
}

void Evaluation::Add(const Patient& p, ConversationResult r) {
  all_.push_back({&p, r, ""});
  ++runs_;
  if (r.stuck) {
    ++stuck_;
    Fail(p, r, "stuck");
  }
  if (r.lowered) {
    ++lowered_;
    Fail(p, r, "lowered a level already given");
  }
  reasks_stated_ += r.reasks_stated;
  if (r.reasks_stated > 0) Fail(p, r, "re-asked a stated fact");
  repeated_ += r.repeated;

  if (p.gold == TriageLevel::kEmergency) {
    ++emergency_runs_;
    if (r.level == TriageLevel::kEmergency) ++emergency_caught_;
  }
  ++graded_;
  if (r.level == p.gold) ++exact_;
  const bool ok_level =
      std::find(p.acceptable.begin(), p.acceptable.end(), r.level) != p.acceptable.end();
  if (ok_level) ++acceptable_;
  if (r.level < p.gold) {
    ++under_triaged_;
    if (p.gold >= TriageLevel::kUrgent) {
      ++serious_under_triaged_;
      // The rule id is the first word of the patient's rule ("E3 (calf swollen...)").
      ++missed_by_rule_[p.rule.substr(0, p.rule.find_first_of(" (:,"))];
    }
    Fail(p, r, "under-triaged: gave " + std::string(TriageName(r.level)) + ", gold " +
                   std::string(TriageName(p.gold)));
  } else if (!ok_level) {
    Fail(p, r, "level " + std::string(TriageName(r.level)) + " not acceptable (gold " +
                   std::string(TriageName(p.gold)) + ")");
  } else if (r.level != p.gold) {
    Fail(p, r, "inexact: level " + std::string(TriageName(r.level)) + ", gold " +
                   std::string(TriageName(p.gold)) + " (acceptable)");
  }

  if (p.scope == Scope::kKnee) {
    if (r.ended && !r.stuck) questions_.push_back(r.questions);
    if (r.assessed) assessment_words_.push_back(r.assessment_words);
    // Causes are judged where an assessment is due: not after an emergency stop.
    if (!p.expected_conditions.empty() && r.level != TriageLevel::kEmergency) {
      ++condition_runs_;
      const size_t top = std::min<size_t>(3, r.conditions.size());
      const bool hit = std::any_of(r.conditions.begin(), r.conditions.begin() + top,
                                   [&](const std::string& c) {
                                     return std::find(p.expected_conditions.begin(),
                                                      p.expected_conditions.end(),
                                                      c) != p.expected_conditions.end();
                                   });
      if (hit) {
        ++condition_hits_;
      } else {
        std::string got;
        for (const auto& c : r.conditions) got += (got.empty() ? "" : ",") + c;
        Fail(p, r, "expected causes not in the top 3 (got " + (got.empty() ? "none" : got) + ")");
      }
    }
  } else {
    ++scope_runs_;
    const bool right_scope = r.first_scope == p.scope ||
                             (p.scope == Scope::kOther && r.first_emergency &&
                              r.first_scope != Scope::kKnee);
    const bool ok = right_scope && !r.first_asks_knee &&
                    (p.gold != TriageLevel::kEmergency || r.first_emergency);
    if (ok) {
      ++scope_right_;
    } else {
      Fail(p, r, std::string("scope: first reply was ") +
                     std::string(ScopeName(r.first_scope)) +
                     (r.first_asks_knee ? " with a knee question" : ""));
    }
  }
}

int Evaluation::max_questions() const {
  return questions_.empty() ? 0 : *std::max_element(questions_.begin(), questions_.end());
}
double Evaluation::median_questions() const { return Median(questions_); }
int Evaluation::max_assessment_words() const {
  return assessment_words_.empty()
             ? 0
             : *std::max_element(assessment_words_.begin(), assessment_words_.end());
}
double Evaluation::median_assessment_words() const { return Median(assessment_words_); }

std::string Evaluation::Table(const std::string& name) const {
  char buf[256];
  std::string t = name + " (" + std::to_string(runs_) + " conversations)\n";
  t += "  emergency sensitivity     " + Percent(emergency_caught_, emergency_runs_) + "\n";
  t += "  under-triage              " + std::to_string(under_triaged_) + " (of them urgent or " +
       "emergency gold: " + std::to_string(serious_under_triaged_) + ")\n";
  if (!missed_by_rule_.empty()) {
    t += "    by rule                ";
    for (const auto& [rule, n] : missed_by_rule_) t += " " + rule + " x" + std::to_string(n);
    t += "\n";
  }
  t += "  acceptable level          " + Percent(acceptable_, graded_) + "\n";
  t += "  exact level               " + Percent(exact_, graded_) + "\n";
  t += "  condition top-3           " + Percent(condition_hits_, condition_runs_) + "\n";
  t += "  re-asks of stated facts   " + std::to_string(reasks_stated_) + "\n";
  t += "  repeated questions        " + std::to_string(repeated_) + "\n";
  t += "  stuck conversations       " + std::to_string(stuck_) + "\n";
  t += "  lowered levels            " + std::to_string(lowered_) + "\n";
  std::snprintf(buf, sizeof buf, "  questions to assessment   median %.1f, max %d\n",
                median_questions(), max_questions());
  t += buf;
  const long over = std::count_if(assessment_words_.begin(), assessment_words_.end(),
                                  [](int w) { return w > 80; });
  std::snprintf(buf, sizeof buf, "  assessment words          median %.0f, max %d, over 80: %ld\n",
                median_assessment_words(), max_assessment_words(), over);
  t += buf;
  t += "  not about the knee        " + Percent(scope_right_, scope_runs_) +
       " declined (or crisis line / emergency) without a knee question\n";
  return t;
}

}  // namespace kneebot::test
