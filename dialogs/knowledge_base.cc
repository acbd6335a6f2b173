#include "dialogs/knowledge_base.h"

#include <algorithm>
#include <set>

namespace kneebot {

using nlohmann::json;

Status KnowledgeBase::Load(const std::string& dir, const Understander& vocabulary,
                           const ResponseCatalog& responses, KnowledgeBase* out) {
  json doc;
  Status s = ReadJsonFile(dir, "knowledge.json", &doc);
  if (!s.ok()) return s;
  ContentError err{"knowledge.json"};
  if (!(s = CheckProvenance(err, doc, responses.content_version())).ok()) return s;
  KnowledgeBase kb;
  if (doc.contains("max_shown")) {
    if (!(s = Require(err, doc, "/max_shown", "integer")).ok()) return s;
    int shown = doc["max_shown"].get<int>();
    if (shown < 1) return err.At("/max_shown", "must be at least 1");
    kb.max_shown_ = static_cast<size_t>(shown);
  }
  if (!(s = Require(err, doc, "/conditions", "array")).ok()) return s;
  std::set<std::string> ids;
  for (size_t i = 0; i < doc["conditions"].size(); ++i) {
    std::string p = "/conditions/" + std::to_string(i);
    const json& c = doc["conditions"][i];
    ConditionInfo info;
    if (!(s = Require(err, doc, p + "/id", "string")).ok()) return s;
    info.id = c["id"].get<std::string>();
    if (!ids.insert(info.id).second) return err.At(p + "/id", "duplicate id '" + info.id + "'");
    if (!(s = Require(err, doc, p + "/name", "string")).ok()) return s;
    info.name = c["name"].get<std::string>();
    if (!(s = Require(err, doc, p + "/min_score", "integer")).ok()) return s;
    info.min_score = c["min_score"].get<int>();
    if (c.contains("care")) {
      if (!(s = Require(err, doc, p + "/care", "string")).ok()) return s;
      info.care = c["care"].get<std::string>();
      if (!(s = responses.Require(info.care, "knowledge.json:" + p + "/care")).ok()) return s;
    }
    if (!(s = Require(err, doc, p + "/evidence", "array")).ok()) return s;
    for (size_t k = 0; k < c["evidence"].size(); ++k) {
      std::string ep = p + "/evidence/" + std::to_string(k);
      Evidence e;
      if (!(s = Condition::Parse(err, doc, ep + "/when", vocabulary, &e.when)).ok()) return s;
      if (!(s = Require(err, doc, ep + "/weight", "integer")).ok()) return s;
      e.weight = c["evidence"][k]["weight"].get<int>();
      if (e.weight > 0) {
        if (!(s = Require(err, doc, ep + "/why", "string")).ok()) return s;
      }
      e.why = c["evidence"][k].value("why", "");
      info.evidence.push_back(std::move(e));
    }
    kb.conditions_.push_back(std::move(info));
  }
  if (!(s = Require(err, doc, "/topics", "object")).ok()) return s;
  for (const auto& [intent, response] : doc["topics"].items()) {
    std::string p = "/topics/" + intent;
    const auto& known = vocabulary.intent_ids();
    if (std::find(known.begin(), known.end(), intent) == known.end()) {
      return err.At(p, "unknown intent '" + intent + "'");
    }
    if (!(s = Require(err, doc, p, "string")).ok()) return s;
    if (!(s = responses.Require(response.get<std::string>(), "knowledge.json:" + p)).ok()) {
      return s;
    }
    kb.topics_[intent] = response.get<std::string>();
  }
  for (const std::string& intent : vocabulary.intent_ids()) {
    if (intent.rfind("ask_", 0) == 0 && kb.topics_.count(intent) == 0) {
      return err.At("/topics/" + intent, "missing: every ask_* intent needs a topic");
    }
  }
  *out = std::move(kb);
  return Status::OK();
}

std::vector<RankedCondition> KnowledgeBase::Rank(const json& slots) const {
  std::vector<RankedCondition> ranked;
  for (const ConditionInfo& c : conditions_) {
    RankedCondition r{&c, 0, {}};
    for (const Evidence& e : c.evidence) {
      if (!e.when.Holds(slots)) continue;
      r.score += e.weight;
      if (e.weight > 0) r.whys.push_back(e.why);
    }
    if (r.score >= c.min_score && !r.whys.empty()) ranked.push_back(std::move(r));
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const RankedCondition& a, const RankedCondition& b) {
                     return a.score > b.score;
                   });
  if (ranked.size() > max_shown_) ranked.resize(max_shown_);
  return ranked;
}

const std::string* KnowledgeBase::TopicResponse(const std::string& intent) const {
  auto it = topics_.find(intent);
  return it == topics_.end() ? nullptr : &it->second;
}

}  // namespace kneebot
