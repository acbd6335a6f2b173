#include "dialogs/responses.h"

namespace kneebot {

using intents::Child;
using nlohmann::json;

namespace {

constexpr std::string_view kListPlaceholder = "list";
constexpr const char* kPlaceholders[] = {"emergency_number", "urgent_service", "region_name",
                                          "crisis_line"};

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
    if (name == kListPlaceholder) {  // filled when spoken (ResponseCatalog::Say)
      out.append(*text, i, close + 1 - i);
      i = close + 1;
      continue;
    }
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
  std::string file = "responses." + locale + ".json";
  json doc;
  Status s = ReadJsonFile(dir, file, &doc);
  if (!s.ok()) return s;
  ContentError err{file};
  if (!(s = CheckProvenance(err, doc, "")).ok()) return s;
  const std::string version = doc["content_version"].get<std::string>();

  json regions;
  if (!(s = ReadJsonFile(dir, "regions.json", &regions)).ok()) return s;
  ContentError rerr{"regions.json"};
  if (!(s = CheckProvenance(rerr, regions, version)).ok()) return s;
  if (!(s = kneebot::Require(rerr, regions, "/regions", "object")).ok()) return s;
  if (!regions["regions"].contains(region)) {
    return rerr.At("/regions/" + region, "unknown region '" + region + "'");
  }
  // Every region is checked, not only the one in use: a deployment switching --region
  // must not find a gap there.
  for (const auto& [name, numbers] : regions["regions"].items()) {
    for (const char* key : kPlaceholders) {
      const std::string p = Child("/regions/" + name, key);
      if (!(s = kneebot::Require(rerr, regions, p, "string")).ok()) return s;
    }
  }
  std::map<std::string, std::string> values;
  for (const char* key : kPlaceholders) {
    values[key] = regions["regions"][region][key].get<std::string>();
  }

  if (!(s = kneebot::Require(err, doc, "/responses", "object")).ok()) return s;

  ResponseCatalog cat;
  cat.content_version_ = version;
  cat.review_status_ = doc["review"]["status"].get<std::string>();
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

void ResponseCatalog::Say(const std::string& id, std::vector<std::string>* bubbles,
                          const std::string& list) const {
  static const std::string kList = "{list}";
  for (std::string b : Get(id)) {
    for (size_t at = b.find(kList); at != std::string::npos; at = b.find(kList, at)) {
      b.replace(at, kList.size(), list);
      at += list.size();
    }
    bubbles->push_back(std::move(b));
  }
}

bool ResponseCatalog::HasList(const std::string& id) const {
  for (const std::string& b : Get(id)) {
    if (b.find("{list}") != std::string::npos) return true;
  }
  return false;
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
