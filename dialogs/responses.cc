#include "dialogs/responses.h"

namespace kneebot {

using nlohmann::json;

namespace {

constexpr const char* kPlaceholders[] = {"emergency_number", "urgent_service",
                                          "region_name"};

// Replaces {name} placeholders with the region's values; reports the first unknown one.
Status Fill(const std::map<std::string, std::string>& values, std::string* text,
            const ContentError& err, const std::string& pointer) {
  std::string out;
  size_t i = 0;
  while (i < text->size()) {
    size_t open = text->find('{', i);
    if (open == std::string::npos) {
      out.append(*text, i, std::string::npos);
      break;
    }
    size_t close = text->find('}', open);
    if (close == std::string::npos) return err.At(pointer, "unclosed '{'");
    std::string name = text->substr(open + 1, close - open - 1);
    auto it = values.find(name);
    if (it == values.end()) return err.At(pointer, "unknown placeholder {" + name + "}");
    out.append(*text, i, open - i);
    out += it->second;
    i = close + 1;
  }
  *text = std::move(out);
  return Status::OK();
}

}  // namespace

Status ResponseCatalog::Load(const std::string& dir, const std::string& locale,
                             const std::string& region, ResponseCatalog* out) {
  json regions;
  Status s = ReadJsonFile(dir, "regions.json", &regions);
  if (!s.ok()) return s;
  ContentError rerr{"regions.json"};
  if (!(s = kneebot::Require(rerr, regions, "/regions", "object")).ok()) return s;
  if (!regions["regions"].contains(region)) {
    return rerr.At("/regions/" + region, "unknown region '" + region + "'");
  }
  std::map<std::string, std::string> values;
  for (const char* key : kPlaceholders) {
    std::string p = "/regions/" + region + "/" + key;
    if (!(s = kneebot::Require(rerr, regions, p, "string")).ok()) return s;
    values[key] = regions.at(json::json_pointer(p)).get<std::string>();
  }

  std::string file = "responses." + locale + ".json";
  json doc;
  if (!(s = ReadJsonFile(dir, file, &doc)).ok()) return s;
  ContentError err{file};
  if (!(s = kneebot::Require(err, doc, "/content_version", "string")).ok()) return s;
  if (!(s = kneebot::Require(err, doc, "/responses", "object")).ok()) return s;

  ResponseCatalog cat;
  cat.content_version_ = doc["content_version"].get<std::string>();
  cat.emergency_number_ = values["emergency_number"];
  for (const auto& [id, bubbles] : doc["responses"].items()) {
    std::string p = "/responses/" + id;
    if (!bubbles.is_array() || bubbles.empty()) {
      return err.At(p, "must be a non-empty array of strings");
    }
    std::vector<std::string> texts;
    for (size_t i = 0; i < bubbles.size(); ++i) {
      std::string bp = p + "/" + std::to_string(i);
      if (!(s = kneebot::Require(err, doc, bp, "string")).ok()) return s;
      std::string text = bubbles[i].get<std::string>();
      if (!(s = Fill(values, &text, err, bp)).ok()) return s;
      texts.push_back(std::move(text));
    }
    cat.responses_[id] = std::move(texts);
  }
  *out = std::move(cat);
  return Status::OK();
}

const std::vector<std::string>& ResponseCatalog::Get(const std::string& id) const {
  static const std::vector<std::string> kEmpty;
  auto it = responses_.find(id);
  return it == responses_.end() ? kEmpty : it->second;
}

Status ResponseCatalog::Require(const std::string& id, const std::string& referrer) const {
  if (Has(id)) return Status::OK();
  return Status::InvalidArgument(referrer + ": missing response '" + id +
                                 "' in responses file");
}

}  // namespace kneebot
