// Defensive reads of a Graph webhook's JSON: Meta adds fields and types over time, and
// one odd element must not lose the other messages of a batch, so a missing or
// mistyped field reads as null, "" or [] instead of throwing.
//
//   for (const json& entry : meta::ArrayMember(root, "entry")) { ... StringMember(entry, "id") }
#ifndef KNEEBOT_ADAPTERS_META_WEBHOOK_JSON_H_
#define KNEEBOT_ADAPTERS_META_WEBHOOK_JSON_H_

#include <nlohmann/json.hpp>
#include <string>

namespace kneebot::meta {

// object[key], or null when `object` is no object or has no such key.
const nlohmann::json& Member(const nlohmann::json& object, const char* key);
// object[key] when it is a string, else "".
std::string StringMember(const nlohmann::json& object, const char* key);
// object[key] when it is an array, else an empty array.
const nlohmann::json& ArrayMember(const nlohmann::json& object, const char* key);

}  // namespace kneebot::meta

#endif  // KNEEBOT_ADAPTERS_META_WEBHOOK_JSON_H_
