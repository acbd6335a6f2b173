#include "dialogs/condition.h"

#include <algorithm>

namespace kneebot {

using nlohmann::json;

namespace {

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

Status Condition::Parse(const ContentError& err, const json& doc,
                        const std::string& pointer, const Understander& vocabulary,
                        Condition* out) {
  json::json_pointer ptr(pointer);
  if (!doc.contains(ptr) || !doc.at(ptr).is_object()) {
    return err.At(pointer, "condition must be an object");
  }
  const json& c = doc.at(ptr);
  Condition cond;
  for (const char* combo : {"all", "any"}) {
    if (!c.contains(combo)) continue;
    cond.op_ = std::string(combo) == "all" ? Op::kAll : Op::kAny;
    const json& list = c[combo];
    std::string at = pointer + "/" + combo;
    if (!list.is_array() || list.empty()) return err.At(at, "must be a non-empty array");
    for (size_t i = 0; i < list.size(); ++i) {
      Condition child;
      Status s = Parse(err, doc, at + "/" + std::to_string(i), vocabulary, &child);
      if (!s.ok()) return s;
      cond.children_.push_back(std::move(child));
    }
    *out = std::move(cond);
    return Status::OK();
  }
  if (c.contains("not")) {
    cond.op_ = Op::kNot;
    Condition child;
    Status s = Parse(err, doc, pointer + "/not", vocabulary, &child);
    if (!s.ok()) return s;
    cond.children_.push_back(std::move(child));
    *out = std::move(cond);
    return Status::OK();
  }

  if (!c.contains("slot") || !c["slot"].is_string()) {
    return err.At(pointer + "/slot",
                  "missing: a condition needs 'slot' (or 'all', 'any', 'not')");
  }
  cond.slot_ = c["slot"].get<std::string>();
  if (!Contains(vocabulary.slot_names(), cond.slot_)) {
    return err.At(pointer + "/slot", "unknown slot '" + cond.slot_ + "'");
  }
  std::vector<std::string> allowed = vocabulary.slot_values(cond.slot_);
  const bool numeric = allowed.empty();
  auto check_value = [&](const json& v, const std::string& at) -> Status {
    if (!v.is_string()) return err.At(at, "must be a string");
    const std::string& s = v.get_ref<const std::string&>();
    if (numeric) return err.At(at, "slot '" + cond.slot_ + "' is a number, use gte/lte");
    if (s != "unsure" && !Contains(allowed, s)) {
      return err.At(at, "unknown value '" + s + "' for slot '" + cond.slot_ + "'");
    }
    return Status::OK();
  };

  if (c.contains("is")) {
    cond.op_ = Op::kIn;
    Status s = check_value(c["is"], pointer + "/is");
    if (!s.ok()) return s;
    cond.values_.push_back(c["is"].get<std::string>());
  } else if (c.contains("in")) {
    cond.op_ = Op::kIn;
    const json& list = c["in"];
    if (!list.is_array() || list.empty()) {
      return err.At(pointer + "/in", "must be a non-empty array");
    }
    for (size_t i = 0; i < list.size(); ++i) {
      Status s = check_value(list[i], pointer + "/in/" + std::to_string(i));
      if (!s.ok()) return s;
      cond.values_.push_back(list[i].get<std::string>());
    }
  } else if (c.contains("gte") || c.contains("lte")) {
    const char* key = c.contains("gte") ? "gte" : "lte";
    cond.op_ = c.contains("gte") ? Op::kGte : Op::kLte;
    if (!numeric) {
      return err.At(pointer + "/" + key, "slot '" + cond.slot_ + "' is not a number");
    }
    if (!c[key].is_number_integer()) {
      return err.At(pointer + "/" + key, "must be an integer");
    }
    cond.number_ = c[key].get<long long>();
  } else if (c.contains("filled")) {
    cond.op_ = Op::kFilled;
    if (!c["filled"].is_boolean()) return err.At(pointer + "/filled", "must be true or false");
    cond.filled_ = c["filled"].get<bool>();
  } else {
    return err.At(pointer, "needs one of 'is', 'in', 'gte', 'lte', 'filled'");
  }
  *out = std::move(cond);
  return Status::OK();
}

bool Condition::Holds(const json& slots) const {
  switch (op_) {
    case Op::kTrue:
      return true;
    case Op::kAll:
      return std::all_of(children_.begin(), children_.end(),
                         [&](const Condition& c) { return c.Holds(slots); });
    case Op::kAny:
      return std::any_of(children_.begin(), children_.end(),
                         [&](const Condition& c) { return c.Holds(slots); });
    case Op::kNot:
      return !children_.front().Holds(slots);
    default:
      break;
  }
  auto it = slots.find(slot_);
  const bool has = it != slots.end() && !it->is_null();
  if (op_ == Op::kFilled) return has == filled_;
  if (!has) return false;
  const json& v = *it;
  switch (op_) {
    case Op::kIn:
      if (v.is_string()) return Contains(values_, v.get_ref<const std::string&>());
      if (v.is_array()) {
        for (const json& e : v) {
          if (e.is_string() && Contains(values_, e.get_ref<const std::string&>())) return true;
        }
      }
      return false;
    case Op::kGte:
      return v.is_number() && v.get<double>() >= static_cast<double>(number_);
    case Op::kLte:
      return v.is_number() && v.get<double>() <= static_cast<double>(number_);
    default:
      return false;
  }
}

}  // namespace kneebot
