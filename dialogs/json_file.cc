#include "dialogs/json_file.h"

#include <algorithm>

namespace kneebot {

using nlohmann::json;

Status Require(const ContentError& err, const json& doc, const std::string& pointer,
               std::string_view kind) {
  json::json_pointer ptr(pointer);
  if (!doc.contains(ptr)) return err.At(pointer, "missing");
  const json& v = doc.at(ptr);
  bool ok = (kind == "object" && v.is_object()) || (kind == "array" && v.is_array()) ||
            (kind == "string" && v.is_string()) ||
            (kind == "integer" && v.is_number_integer()) ||
            (kind == "number" && v.is_number()) || (kind == "boolean" && v.is_boolean());
  if (!ok) return err.At(pointer, "must be " + std::string(kind == "integer" ? "an" : "a") + " " + std::string(kind));
  if (kind == "string" && v.get_ref<const std::string&>().empty()) {
    return err.At(pointer, "must not be empty");
  }
  return Status::OK();
}

Status CheckProvenance(const ContentError& err, const json& doc,
                       const std::string& expected_version) {
  Status s = Require(err, doc, "/content_version", "string");
  if (!s.ok()) return s;
  const std::string& version = doc["content_version"].get_ref<const std::string&>();
  if (!expected_version.empty() && version != expected_version) {
    return err.At("/content_version", "'" + version + "' differs from the content version '" +
                                          expected_version +
                                          "' of responses.*.json (bump every file together)");
  }
  if (!(s = Require(err, doc, "/review", "object")).ok()) return s;
  for (const char* key : {"status", "by", "on"}) {
    if (!(s = Require(err, doc, std::string("/review/") + key, "string")).ok()) return s;
  }
  const std::string& status = doc["review"]["status"].get_ref<const std::string&>();
  if (status != "draft" && status != "approved") {
    return err.At("/review/status", "must be \"draft\" or \"approved\", not '" + status + "'");
  }
  const std::string& on = doc["review"]["on"].get_ref<const std::string&>();
  const bool date = on.size() == 10 && on[4] == '-' && on[7] == '-' &&
                    std::all_of(on.begin(), on.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
  if (!date) return err.At("/review/on", "must be a date YYYY-MM-DD, not '" + on + "'");
  return Status::OK();
}

}  // namespace kneebot
