#include "dialogs/triage_rules.h"

#include <algorithm>
#include <set>

namespace kneebot {

using nlohmann::json;

namespace {

Status ParseLevel(const ContentError& err, const json& doc, const std::string& pointer,
                  TriageLevel* out) {
  Status s = Require(err, doc, pointer, "string");
  if (!s.ok()) return s;
  std::string name = doc.at(json::json_pointer(pointer)).get<std::string>();
  auto level = ParseTriage(name);
  if (!level) {
    return err.At(pointer, "unknown level '" + name +
                               "' (emergency, urgent, doctor or self_care)");
  }
  *out = *level;
  return Status::OK();
}

Status LoadRules(const ContentError& err, const json& doc, const std::string& key,
                 bool red_flag, const Understander& vocabulary,
                 const ResponseCatalog& responses, std::set<std::string>* ids,
                 std::vector<TriageRule>* out) {
  std::string base = "/" + key;
  Status s = Require(err, doc, base, "array");
  if (!s.ok()) return s;
  for (size_t i = 0; i < doc[key].size(); ++i) {
    std::string p = base + "/" + std::to_string(i);
    TriageRule r;
    if (!(s = Require(err, doc, p + "/id", "string")).ok()) return s;
    r.id = doc[key][i]["id"].get<std::string>();
    if (!ids->insert(r.id).second) return err.At(p + "/id", "duplicate id '" + r.id + "'");
    if (!(s = ParseLevel(err, doc, p + "/level", &r.level)).ok()) return s;
    if (!(s = Condition::Parse(err, doc, p + "/when", vocabulary, &r.when)).ok()) return s;
    if (!(s = Require(err, doc, p + "/reason", "string")).ok()) return s;
    r.reason = doc[key][i]["reason"].get<std::string>();
    if (red_flag) {
      if (r.level < TriageLevel::kUrgent) {
        return err.At(p + "/level", "a red flag must be emergency or urgent");
      }
      if (!(s = Require(err, doc, p + "/response", "string")).ok()) return s;
      r.response = doc[key][i]["response"].get<std::string>();
      if (!(s = responses.Require(r.response, err.file + ":" + p + "/response")).ok()) return s;
    }
    out->push_back(std::move(r));
  }
  return Status::OK();
}

}  // namespace

Status TriageRules::Load(const std::string& dir, const Understander& vocabulary,
                         const ResponseCatalog& responses, TriageRules* out) {
  json doc;
  Status s = ReadJsonFile(dir, "red_flags.json", &doc);
  if (!s.ok()) return s;
  ContentError err{"red_flags.json"};
  if (!(s = CheckProvenance(err, doc, responses.content_version())).ok()) return s;
  TriageRules rules;
  std::set<std::string> ids;
  if (!(s = LoadRules(err, doc, "red_flags", true, vocabulary, responses, &ids,
                      &rules.red_flags_)).ok()) {
    return s;
  }
  if (!(s = LoadRules(err, doc, "assessment_rules", false, vocabulary, responses, &ids,
                      &rules.assessment_rules_)).ok()) {
    return s;
  }
  if (!(s = Require(err, doc, "/default_reason", "string")).ok()) return s;
  rules.default_reason_ = doc["default_reason"].get<std::string>();
  if (!(s = Require(err, doc, "/non_knee_emergency_reason", "string")).ok()) return s;
  rules.non_knee_reason_ = doc["non_knee_emergency_reason"].get<std::string>();
  if (doc.contains("modifiers")) {
    if (!(s = Require(err, doc, "/modifiers", "array")).ok()) return s;
    for (size_t i = 0; i < doc["modifiers"].size(); ++i) {
      std::string p = "/modifiers/" + std::to_string(i);
      TriageModifier m;
      if (!(s = Require(err, doc, p + "/id", "string")).ok()) return s;
      m.id = doc["modifiers"][i]["id"].get<std::string>();
      if (!(s = Condition::Parse(err, doc, p + "/when", vocabulary, &m.when)).ok()) return s;
      if (!(s = ParseLevel(err, doc, p + "/raise_from", &m.raise_from)).ok()) return s;
      if (!(s = ParseLevel(err, doc, p + "/to", &m.to)).ok()) return s;
      if (m.to <= m.raise_from) return err.At(p + "/to", "must be above raise_from");
      if (!(s = Require(err, doc, p + "/reason", "string")).ok()) return s;
      m.reason = doc["modifiers"][i]["reason"].get<std::string>();
      if (doc["modifiers"][i].contains("except_rules")) {
        const std::string ep = p + "/except_rules";
        if (!(s = Require(err, doc, ep, "array")).ok()) return s;
        for (size_t k = 0; k < doc["modifiers"][i]["except_rules"].size(); ++k) {
          if (!(s = Require(err, doc, ep + "/" + std::to_string(k), "string")).ok()) return s;
          std::string id = doc["modifiers"][i]["except_rules"][k].get<std::string>();
          if (!ids.count(id)) return err.At(ep + "/" + std::to_string(k), "unknown rule '" + id + "'");
          m.except_rules.push_back(std::move(id));
        }
      }
      rules.modifiers_.push_back(std::move(m));
    }
  }
  *out = std::move(rules);
  return Status::OK();
}

std::vector<const TriageRule*> TriageRules::FiredRedFlags(const json& slots) const {
  std::vector<const TriageRule*> fired;
  for (const TriageRule& r : red_flags_) {
    if (r.when.Holds(slots)) fired.push_back(&r);
  }
  std::stable_sort(fired.begin(), fired.end(),
                   [](const TriageRule* a, const TriageRule* b) { return a->level > b->level; });
  return fired;
}

TriageResult TriageRules::Assess(const json& slots) const {
  TriageResult result;
  for (const TriageRule& r : assessment_rules_) {
    if (!r.when.Holds(slots)) continue;
    if (r.level > result.level) {
      result.level = r.level;
      result.reasons.clear();
      result.rule_ids.clear();
    }
    if (r.level == result.level) {
      result.reasons.push_back(r.reason);
      result.rule_ids.push_back(r.id);
    }
  }
  if (result.reasons.empty()) result.reasons.push_back(default_reason_);
  ApplyModifiers(slots, &result);
  return result;
}

void TriageRules::ApplyModifiers(const json& slots, TriageResult* result) const {
  // "No warning signs" no longer holds once a modifier raises the level.
  const bool default_only = result->rule_ids.empty();
  // One step at most: every modifier is matched against the level before any raise.
  const TriageLevel from = result->level;
  const std::vector<std::string> behind = result->rule_ids;
  for (const TriageModifier& m : modifiers_) {
    if (from != m.raise_from || !m.when.Holds(slots)) continue;
    const bool all_exempt =
        !behind.empty() && std::all_of(behind.begin(), behind.end(), [&](const std::string& id) {
          return std::find(m.except_rules.begin(), m.except_rules.end(), id) !=
                 m.except_rules.end();
        });
    if (all_exempt) continue;
    if (default_only && result->level == TriageLevel::kSelfCare) result->reasons.clear();
    result->level = MaxTriage(result->level, m.to);
    result->reasons.push_back(m.reason);
    result->rule_ids.push_back(m.id);
  }
}

}  // namespace kneebot
