#include "tests/patients/patient.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace kneebot::test {

namespace {

using nlohmann::json;

Status At(const std::string& file, const std::string& pointer, const std::string& what) {
  return Status::InvalidArgument(file + ":" + pointer + ": " + what);
}

Status Strings(const std::string& file, const json& v, const std::string& p, bool non_empty,
               std::vector<std::string>* out) {
  if (!v.is_array()) return At(file, p, "must be an array of strings");
  if (non_empty && v.empty()) return At(file, p, "must not be empty");
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string() || v[i].get<std::string>().empty()) {
      return At(file, p + "/" + std::to_string(i), "must be a non-empty string");
    }
    out->push_back(v[i].get<std::string>());
  }
  return Status::OK();
}

Status Level(const std::string& file, const json& v, const std::string& p, TriageLevel* out) {
  if (v.is_null()) {
    *out = TriageLevel::kNone;
    return Status::OK();
  }
  if (!v.is_string()) return At(file, p, "must be a level or null");
  auto level = ParseTriage(v.get<std::string>());
  if (!level) return At(file, p, "unknown level '" + v.get<std::string>() + "'");
  *out = *level;
  return Status::OK();
}

Status ParseOne(const std::string& file, const json& j, const std::string& p, Patient* out) {
  if (!j.is_object()) return At(file, p, "must be an object");
  for (const char* key : {"id", "split", "situation", "rule", "scope", "gold_level",
                          "acceptable_levels", "expected_conditions", "opening", "facts"}) {
    if (!j.contains(key)) return At(file, p + "/" + key, "missing");
  }
  Patient pt;
  pt.file = file;
  for (const char* key : {"id", "split", "situation", "rule", "scope"}) {
    if (!j[key].is_string()) return At(file, p + "/" + key, "must be a string");
  }
  pt.id = j["id"];
  pt.situation = j["situation"];
  pt.rule = j["rule"];
  const std::string split = j["split"];
  if (split != "train" && split != "heldout") {
    return At(file, p + "/split", "must be \"train\" or \"heldout\"");
  }
  pt.heldout = split == "heldout";
  const std::string scope = j["scope"];
  if (scope == "knee") {
    pt.scope = Scope::kKnee;
  } else if (scope == "other") {
    pt.scope = Scope::kOther;
  } else if (scope == "crisis") {
    pt.scope = Scope::kCrisis;
  } else {
    return At(file, p + "/scope", "must be knee, other or crisis");
  }
  Status s = Level(file, j["gold_level"], p + "/gold_level", &pt.gold);
  if (!s.ok()) return s;
  if (!j["acceptable_levels"].is_array() || j["acceptable_levels"].empty()) {
    return At(file, p + "/acceptable_levels", "must be a non-empty array");
  }
  for (size_t i = 0; i < j["acceptable_levels"].size(); ++i) {
    TriageLevel level;
    s = Level(file, j["acceptable_levels"][i], p + "/acceptable_levels/" + std::to_string(i),
              &level);
    if (!s.ok()) return s;
    if (level < pt.gold) {
      return At(file, p + "/acceptable_levels/" + std::to_string(i), "below the gold level");
    }
    pt.acceptable.push_back(level);
  }
  if (std::find(pt.acceptable.begin(), pt.acceptable.end(), pt.gold) == pt.acceptable.end()) {
    return At(file, p + "/acceptable_levels", "must include the gold level");
  }
  s = Strings(file, j["expected_conditions"], p + "/expected_conditions", false,
              &pt.expected_conditions);
  if (!s.ok()) return s;
  const json& opening = j["opening"];
  if (!opening.is_object() || !opening.contains("say")) {
    return At(file, p + "/opening", "must be an object with \"say\"");
  }
  if (!(s = Strings(file, opening["say"], p + "/opening/say", true, &pt.opening)).ok()) return s;
  if (opening.contains("states")) {
    s = Strings(file, opening["states"], p + "/opening/states", false, &pt.opening_states);
    if (!s.ok()) return s;
  }
  if (!j["facts"].is_object()) return At(file, p + "/facts", "must be an object");
  for (const auto& [key, f] : j["facts"].items()) {
    const std::string fp = p + "/facts/" + key;
    if (!f.is_object() || !f.contains("value") || !f.contains("say")) {
      return At(file, fp, "must be an object with \"value\" and \"say\"");
    }
    Fact fact;
    fact.value = f["value"];
    if (!(s = Strings(file, f["say"], fp + "/say", true, &fact.say)).ok()) return s;
    if (f.contains("also") && !(s = Strings(file, f["also"], fp + "/also", false, &fact.also)).ok()) {
      return s;
    }
    pt.facts[key] = std::move(fact);
  }
  for (const auto& [key, f] : pt.facts) {
    for (const std::string& other : f.also) {
      if (!pt.facts.count(other)) {
        return At(file, p + "/facts/" + key + "/also", "names '" + other + "', not a fact");
      }
    }
  }
  for (const std::string& stated : pt.opening_states) {
    if (!pt.facts.count(stated)) {
      return At(file, p + "/opening/states", "names '" + stated + "', not a fact");
    }
  }
  *out = std::move(pt);
  return Status::OK();
}

}  // namespace

Status ParsePatients(const std::string& file, const json& doc, std::vector<Patient>* out) {
  if (!doc.is_object() || doc.value("schema", 0) != 1) return At(file, "/schema", "must be 1");
  if (!doc.contains("patients") || !doc["patients"].is_array()) {
    return At(file, "/patients", "must be an array");
  }
  for (size_t i = 0; i < doc["patients"].size(); ++i) {
    Patient p;
    Status s = ParseOne(file, doc["patients"][i], "/patients/" + std::to_string(i), &p);
    if (!s.ok()) return s;
    for (const Patient& other : *out) {
      if (other.id == p.id) {
        return At(file, "/patients/" + std::to_string(i) + "/id", "duplicate id '" + p.id + "'");
      }
    }
    out->push_back(std::move(p));
  }
  return Status::OK();
}

Status LoadPatients(const std::string& dir, std::vector<Patient>* out) {
  namespace fs = std::filesystem;
  for (const char* split : {"train", "heldout"}) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(fs::path(dir) / split, ec)) {
      const std::string name = e.path().filename().string();
      if (name.rfind("batch_", 0) == 0 && e.path().extension() == ".json") files.push_back(e.path());
    }
    if (ec) return Status::InvalidArgument(dir + "/" + split + ": " + ec.message());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      const std::string name = std::string(split) + "/" + f.filename().string();
      std::ifstream in(f);
      json doc = json::parse(in, nullptr, /*allow_exceptions=*/false);
      if (doc.is_discarded()) return At(name, "", "not valid JSON");
      const size_t before = out->size();
      Status s = ParsePatients(name, doc, out);
      if (!s.ok()) return s;
      // The folder is the split: a patient filed under the wrong one is an error.
      for (size_t i = before; i < out->size(); ++i) {
        if ((*out)[i].heldout != (std::string_view(split) == "heldout")) {
          return At(name, "/patients/" + std::to_string(i - before) + "/split",
                    std::string("does not match the folder '") + split + "'");
        }
      }
    }
  }
  if (out->empty()) return Status::InvalidArgument(dir + ": no batch_*.json patients");
  return Status::OK();
}

}  // namespace kneebot::test
