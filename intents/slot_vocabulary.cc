#include "intents/slot_vocabulary.h"

#include <algorithm>

#include "intents/data_loader.h"

namespace kneebot::intents {

using nlohmann::json;

bool SlotSpec::Accepts(std::string_view value) const {
  if (type == SlotType::kInt) return false;
  if (value == kUnsure) return true;  // a hedge, for enum and list slots alike
  return std::find(values.begin(), values.end(), value) != values.end();
}

Status SlotVocabulary::Load(const json& doc, SlotVocabulary* out) {
  const DataError err{"slots.json"};
  Status s = CheckObject(err, doc, "", {"schema", "slots"}, {"comment"});
  if (!s.ok()) return s;
  const json& slots = doc["slots"];
  if (!slots.is_object() || slots.empty()) return err.At("/slots", "must be a non-empty object");
  SlotVocabulary v;
  for (const auto& [name, spec] : slots.items()) {
    const std::string p = Child("/slots", name);
    s = CheckObject(err, spec, p, {"type"},
                    {"protocol", "values", "affirm", "deny", "comment", "unit", "min", "max"});
    if (!s.ok()) return s;
    SlotSpec slot;
    slot.name = name;
    const json& type = spec["type"];
    if (type == "enum") {
      slot.type = SlotType::kEnum;
    } else if (type == "int") {
      slot.type = SlotType::kInt;
    } else if (type == "list") {
      slot.type = SlotType::kList;
    } else {
      return err.At(p + "/type", "must be \"enum\", \"int\" or \"list\"");
    }
    if (spec.contains("protocol") && !spec["protocol"].is_boolean()) {
      return err.At(p + "/protocol", "must be a boolean");
    }
    slot.protocol = spec.value("protocol", false);
    if (slot.type == SlotType::kInt) {
      if (spec.contains("values")) return err.At(p + "/values", "an int slot has no values");
      for (const char* bound : {"min", "max"}) {
        if (!spec.contains(bound)) return err.At(Child(p, bound), "missing");
        if (!spec[bound].is_number_integer()) return err.At(Child(p, bound), "must be an integer");
      }
      slot.min = spec["min"].get<int>();
      slot.max = spec["max"].get<int>();
      if (slot.min > slot.max) return err.At(p + "/max", "must not be below min");
    } else {
      if (!spec.contains("values")) return err.At(p + "/values", "missing");
      s = ReadStrings(err, spec["values"], p + "/values", &slot.values);
      if (!s.ok()) return s;
      if (slot.values.empty()) return err.At(p + "/values", "must not be empty");
      for (const char* bound : {"min", "max"}) {
        if (spec.contains(bound)) return err.At(Child(p, bound), "only int slots have bounds");
      }
    }
    if (spec.contains("unit") && !spec["unit"].is_string()) {
      return err.At(p + "/unit", "must be a string");
    }
    if (spec.contains("comment") && !spec["comment"].is_string()) {
      return err.At(p + "/comment", "must be a string");
    }
    for (const char* key : {"affirm", "deny"}) {
      if (!spec.contains(key)) continue;
      std::string value;
      s = ReadString(err, spec[key], Child(p, key), &value);
      if (!s.ok()) return s;
      if (!slot.Accepts(value)) {
        return err.At(Child(p, key), "unknown value '" + value + "' for slot '" + name + "'");
      }
      (std::string_view(key) == "affirm" ? slot.affirm : slot.deny) = value;
    }
    v.names_.push_back(name);
    if (slot.protocol) v.protocol_names_.push_back(name);
    v.slots_.push_back(std::move(slot));
  }
  *out = std::move(v);
  return Status::OK();
}

const SlotSpec* SlotVocabulary::Find(std::string_view name) const {
  for (const SlotSpec& s : slots_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace kneebot::intents
