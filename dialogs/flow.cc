#include "dialogs/flow.h"

#include <algorithm>

namespace kneebot {

using nlohmann::json;

namespace {

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

Status LoadQuickReplies(const ContentError& err, const json& doc, const std::string& pointer,
                        const Understander& vocabulary, std::vector<QuickReply>* out) {
  json::json_pointer ptr(pointer);
  if (!doc.contains(ptr)) return Status::OK();
  Status s = Require(err, doc, pointer, "array");
  if (!s.ok()) return s;
  const json& list = doc.at(ptr);
  for (size_t i = 0; i < list.size(); ++i) {
    std::string p = pointer + "/" + std::to_string(i);
    if (!(s = Require(err, doc, p + "/title", "string")).ok()) return s;
    if (!(s = Require(err, doc, p + "/payload", "string")).ok()) return s;
    QuickReply qr{list[i]["title"].get<std::string>(), list[i]["payload"].get<std::string>()};
    if (!(s = CheckPayload(err, p + "/payload", qr.payload, vocabulary)).ok()) return s;
    out->push_back(std::move(qr));
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
  Flow flow;
  if (doc.contains("max_attempts")) {
    if (!(s = Require(err, doc, "/max_attempts", "integer")).ok()) return s;
    flow.max_attempts_ = doc["max_attempts"].get<int>();
    if (flow.max_attempts_ < 1) return err.At("/max_attempts", "must be at least 1");
  }
  if (!(s = Require(err, doc, "/questions", "array")).ok()) return s;
  const json& qs = doc["questions"];
  if (qs.empty()) return err.At("/questions", "must not be empty");
  for (size_t i = 0; i < qs.size(); ++i) {
    std::string p = "/questions/" + std::to_string(i);
    Question q;
    if (!(s = Require(err, doc, p + "/slot", "string")).ok()) return s;
    q.slot = qs[i]["slot"].get<std::string>();
    if (!Contains(vocabulary.slot_names(), q.slot)) {
      return err.At(p + "/slot", "unknown slot '" + q.slot + "'");
    }
    if (flow.ForSlot(q.slot) != nullptr) {
      return err.At(p + "/slot", "slot '" + q.slot + "' is asked twice");
    }
    if (!(s = Require(err, doc, p + "/ask", "string")).ok()) return s;
    q.ask = qs[i]["ask"].get<std::string>();
    if (!(s = responses.Require(q.ask, "flow.json:" + p + "/ask")).ok()) return s;
    q.retry = q.ask;
    if (qs[i].contains("retry")) {
      if (!(s = Require(err, doc, p + "/retry", "string")).ok()) return s;
      q.retry = qs[i]["retry"].get<std::string>();
      if (!(s = responses.Require(q.retry, "flow.json:" + p + "/retry")).ok()) return s;
    }
    if (!(s = LoadQuickReplies(err, doc, p + "/quick_replies", vocabulary,
                               &q.quick_replies)).ok()) {
      return s;
    }
    if (qs[i].contains("ask_if")) {
      if (!(s = Condition::Parse(err, doc, p + "/ask_if", vocabulary, &q.ask_if)).ok()) {
        return s;
      }
    }
    flow.questions_.push_back(std::move(q));
  }
  if (!(s = LoadQuickReplies(err, doc, "/follow_ups", vocabulary, &flow.follow_ups_)).ok()) {
    return s;
  }
  if (!(s = LoadQuickReplies(err, doc, "/escalated_quick_replies", vocabulary,
                             &flow.escalated_quick_replies_)).ok()) {
    return s;
  }
  *out = std::move(flow);
  return Status::OK();
}

const Question* Flow::Next(const json& slots, const std::vector<std::string>& skipped) const {
  for (const Question& q : questions_) {
    if (slots.contains(q.slot) || Contains(skipped, q.slot)) continue;
    if (q.ask_if.Holds(slots)) return &q;
  }
  return nullptr;
}

const Question* Flow::ForSlot(const std::string& slot) const {
  for (const Question& q : questions_) {
    if (q.slot == slot) return &q;
  }
  return nullptr;
}

}  // namespace kneebot
