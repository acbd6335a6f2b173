#include "dialogs/flow.h"

#include <algorithm>
#include <set>

namespace kneebot {

using nlohmann::json;

namespace {

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

Status LoadQuickReply(const ContentError& err, const json& doc, const std::string& p,
                      const Understander& vocabulary, QuickReply* out) {
  Status s = Require(err, doc, p + "/title", "string");
  if (!s.ok()) return s;
  if (!(s = Require(err, doc, p + "/payload", "string")).ok()) return s;
  const json& qr = doc.at(json::json_pointer(p));
  *out = QuickReply{qr["title"].get<std::string>(), qr["payload"].get<std::string>()};
  return CheckPayload(err, p + "/payload", out->payload, vocabulary);
}

Status LoadQuickReplies(const ContentError& err, const json& doc, const std::string& pointer,
                        const Understander& vocabulary, std::vector<QuickReply>* out) {
  json::json_pointer ptr(pointer);
  if (!doc.contains(ptr)) return Status::OK();
  Status s = Require(err, doc, pointer, "array");
  if (!s.ok()) return s;
  for (size_t i = 0; i < doc.at(ptr).size(); ++i) {
    QuickReply qr;
    if (!(s = LoadQuickReply(err, doc, pointer + "/" + std::to_string(i), vocabulary, &qr)).ok()) {
      return s;
    }
    out->push_back(std::move(qr));
  }
  return Status::OK();
}

Status LoadResponseId(const ContentError& err, const json& doc, const std::string& pointer,
                      const ResponseCatalog& responses, std::string* out) {
  Status s = Require(err, doc, pointer, "string");
  if (!s.ok()) return s;
  *out = doc.at(json::json_pointer(pointer)).get<std::string>();
  return responses.Require(*out, err.file + ":" + pointer);
}

Status LoadChecklist(const ContentError& err, const json& doc, const std::string& p,
                     const Understander& vocabulary, Question* q) {
  Status s = Require(err, doc, p + "/checklist", "array");
  if (!s.ok()) return s;
  const json& items = doc.at(json::json_pointer(p + "/checklist"));
  if (items.size() < 2) return err.At(p + "/checklist", "a checklist needs at least 2 items");
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string ip = p + "/checklist/" + std::to_string(i);
    ChecklistItem item;
    for (const char* key : {"title", "slot", "value"}) {
      if (!(s = Require(err, doc, ip + "/" + key, "string")).ok()) return s;
    }
    item.title = items[i]["title"].get<std::string>();
    item.slot = items[i]["slot"].get<std::string>();
    item.value = items[i]["value"].get<std::string>();
    item.say = item.title;
    if (items[i].contains("say")) {
      if (!(s = Require(err, doc, ip + "/say", "string")).ok()) return s;
      item.say = items[i]["say"].get<std::string>();
    }
    if (!(s = CheckPayload(err, ip + "/value", item.payload(), vocabulary)).ok()) return s;
    item.unknown_is_unsure = !vocabulary.slot_values(item.slot).empty();
    if (items[i].contains("none")) {
      if (!(s = Require(err, doc, ip + "/none", "string")).ok()) return s;
      item.none = items[i]["none"].get<std::string>();
      const std::string none_payload = "/" + item.slot + "=" + item.none;
      if (!(s = CheckPayload(err, ip + "/none", none_payload, vocabulary)).ok()) return s;
    }
    if (items[i].contains("show_if")) {
      if (!(s = Condition::Parse(err, doc, ip + "/show_if", vocabulary, &item.show_if)).ok()) {
        return s;
      }
    }
    q->checklist.push_back(std::move(item));
  }
  if (!(s = LoadQuickReply(err, doc, p + "/none_reply", vocabulary, &q->none_reply)).ok()) {
    return s;
  }
  return LoadQuickReply(err, doc, p + "/nothing_else_reply", vocabulary, &q->nothing_else_reply);
}

Status LoadQuestion(const ContentError& err, const json& doc, const std::string& p,
                    const Understander& vocabulary, const ResponseCatalog& responses,
                    Question* q) {
  const json& j = doc.at(json::json_pointer(p));
  Status s;
  const bool checklist = j.contains("checklist");
  if (checklist) {
    if (j.contains("slot")) return err.At(p + "/slot", "a checklist fills the slots of its items");
    if (!(s = Require(err, doc, p + "/id", "string")).ok()) return s;
    q->id = j["id"].get<std::string>();
    if (!(s = LoadChecklist(err, doc, p, vocabulary, q)).ok()) return s;
    if (!(s = LoadResponseId(err, doc, p + "/more", responses, &q->more)).ok()) return s;
    for (const char* key : {"ask", "retry", "more"}) {
      if (j.contains(key) && j[key].is_string() && responses.Has(j[key]) &&
          !responses.HasList(j[key])) {
        return err.At(p + "/" + key, "response '" + j[key].get<std::string>() +
                                         "' needs the {list} placeholder (the items go there)");
      }
    }
  } else {
    if (!(s = Require(err, doc, p + "/slot", "string")).ok()) return s;
    q->slot = j["slot"].get<std::string>();
    if (!Contains(vocabulary.slot_names(), q->slot)) {
      return err.At(p + "/slot", "unknown slot '" + q->slot + "'");
    }
    q->id = q->slot;
    if (j.contains("id")) {
      if (!(s = Require(err, doc, p + "/id", "string")).ok()) return s;
      q->id = j["id"].get<std::string>();
    }
    q->unknown_is_unsure = !vocabulary.slot_values(q->slot).empty();
    if (!(s = LoadQuickReplies(err, doc, p + "/quick_replies", vocabulary, &q->quick_replies))
             .ok()) {
      return s;
    }
  }
  // The protocol names only its own slots in `expecting`; a question about a finding
  // outside them (a checklist, "any breathlessness?") names the closest one.
  q->expecting = q->slot;
  if (j.contains("expecting")) {
    if (!(s = Require(err, doc, p + "/expecting", "string")).ok()) return s;
    q->expecting = j["expecting"].get<std::string>();
  } else if (checklist) {
    return err.At(p + "/expecting", "missing (a checklist names one protocol slot)");
  }
  if (!Contains(vocabulary.protocol_slot_names(), q->expecting)) {
    return err.At(checklist || j.contains("expecting") ? p + "/expecting" : p + "/slot",
                  "'" + q->expecting + "' is not a protocol slot (slots.json \"protocol\": true)" +
                      (checklist || j.contains("expecting") ? "" : "; add \"expecting\""));
  }
  if (!(s = LoadResponseId(err, doc, p + "/ask", responses, &q->ask)).ok()) return s;
  q->retry = q->ask;
  if (j.contains("retry")) {
    if (!(s = LoadResponseId(err, doc, p + "/retry", responses, &q->retry)).ok()) return s;
  }
  if (j.contains("ask_if")) {
    if (!(s = Condition::Parse(err, doc, p + "/ask_if", vocabulary, &q->ask_if)).ok()) return s;
  }
  return Status::OK();
}

}  // namespace

Status CheckPayload(const ContentError& err, const std::string& pointer,
                    const std::string& payload, const Understander& vocabulary) {
  if (payload.empty() || payload[0] != '/') return Status::OK();
  std::string body = payload.substr(1);
  size_t eq = body.find('=');
  if (eq == std::string::npos) {
    if (!Contains(vocabulary.intent_ids(), body)) {
      return err.At(pointer, "unknown intent '" + body + "'");
    }
    return Status::OK();
  }
  std::string slot = body.substr(0, eq), value = body.substr(eq + 1);
  if (!Contains(vocabulary.slot_names(), slot)) {
    return err.At(pointer, "unknown slot '" + slot + "'");
  }
  std::vector<std::string> allowed = vocabulary.slot_values(slot);
  if (allowed.empty()) {
    bool digits = !value.empty() &&
                  std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) return err.At(pointer, "slot '" + slot + "' takes a number");
  } else if (value != "unsure" && !Contains(allowed, value)) {
    return err.At(pointer, "unknown value '" + value + "' for slot '" + slot + "'");
  }
  return Status::OK();
}

Status Flow::Load(const std::string& dir, const Understander& vocabulary,
                  const ResponseCatalog& responses, Flow* out) {
  json doc;
  Status s = ReadJsonFile(dir, "flow.json", &doc);
  if (!s.ok()) return s;
  ContentError err{"flow.json"};
  if (!(s = CheckProvenance(err, doc, responses.content_version())).ok()) return s;
  Flow flow;
  if (doc.contains("max_asks")) {
    if (!(s = Require(err, doc, "/max_asks", "integer")).ok()) return s;
    flow.max_asks_ = doc["max_asks"].get<int>();
    if (flow.max_asks_ < 1) return err.At("/max_asks", "must be at least 1");
  }
  if (!(s = Require(err, doc, "/questions", "array")).ok()) return s;
  const json& qs = doc["questions"];
  if (qs.empty()) return err.At("/questions", "must not be empty");
  std::set<std::string> ids, plain_slots;
  for (size_t i = 0; i < qs.size(); ++i) {
    const std::string p = "/questions/" + std::to_string(i);
    if (!(s = Require(err, doc, p, "object")).ok()) return s;
    Question q;
    if (!(s = LoadQuestion(err, doc, p, vocabulary, responses, &q)).ok()) return s;
    if (!ids.insert(q.id).second) return err.At(p + "/id", "question id '" + q.id + "' is used twice");
    if (!q.slot.empty() && !plain_slots.insert(q.slot).second) {
      return err.At(p + "/slot", "slot '" + q.slot + "' is asked twice");
    }
    flow.questions_.push_back(std::move(q));
  }
  const std::pair<const char*, std::vector<QuickReply>*> kLists[] = {
      {"/follow_ups", &flow.follow_ups_},
      {"/escalated_quick_replies", &flow.escalated_quick_replies_},
      {"/offer_quick_replies", &flow.offer_quick_replies_},
      {"/crisis_quick_replies", &flow.crisis_quick_replies_}};
  for (const auto& [pointer, list] : kLists) {
    if (!(s = LoadQuickReplies(err, doc, pointer, vocabulary, list)).ok()) return s;
  }
  *out = std::move(flow);
  return Status::OK();
}

std::vector<const ChecklistItem*> Flow::Shown(const Question& q, const json& slots) const {
  std::vector<const ChecklistItem*> shown;
  for (const ChecklistItem& item : q.checklist) {
    if (!slots.contains(item.slot) && item.show_if.Holds(slots)) shown.push_back(&item);
  }
  return shown;
}

bool Flow::Applies(const Question& q, const json& slots) const {
  if (!q.ask_if.Holds(slots)) return false;
  return q.IsChecklist() ? !Shown(q, slots).empty() : !slots.contains(q.slot);
}

const Question* Flow::Next(const json& slots, const std::vector<std::string>& skipped,
                           const std::map<std::string, int>& asked) const {
  for (const Question& q : questions_) {
    const auto times = asked.find(q.id);
    if (times != asked.end() && times->second >= max_asks_) continue;
    if (!Contains(skipped, q.id) && Applies(q, slots)) return &q;
  }
  return nullptr;
}

const Question* Flow::ById(const std::string& id) const {
  for (const Question& q : questions_) {
    if (q.id == id) return &q;
  }
  return nullptr;
}

}  // namespace kneebot
