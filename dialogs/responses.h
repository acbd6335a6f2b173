// ResponseCatalog: every sentence the bot says, by response id (responses.<locale>.json),
// with the region's numbers filled in at load.
//
//   ResponseCatalog cat;
//   Status s = ResponseCatalog::Load(dir, "en", "UK", &cat);
//   const std::vector<std::string>& bubbles = cat.Get("intro");  // "... call 999 ..."
//
// Immutable after Load; safe for concurrent use.
#ifndef KNEEBOT_DIALOGS_RESPONSES_H_
#define KNEEBOT_DIALOGS_RESPONSES_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bot/status.h"
#include "dialogs/json_file.h"

namespace kneebot {

class ResponseCatalog {
 public:
  // Reads responses.<locale>.json and regions.json. Fails on an unknown region, an
  // empty or non-string bubble, a placeholder other than {emergency_number},
  // {urgent_service}, {region_name} and {crisis_line}, or a missing or differing
  // content_version or review (json_file.h CheckProvenance).
  static Status Load(const std::string& dir, const std::string& locale,
                     const std::string& region, ResponseCatalog* out);

  bool Has(const std::string& id) const { return responses_.count(id) > 0; }
  // The bubbles of `id`. `id` must exist (Load-time checks guarantee it for every
  // id the content references; the engine checks its own ids through Require).
  const std::vector<std::string>& Get(const std::string& id) const;
  // Appends the bubbles of `id` to *bubbles, with {list} replaced by `list` (the engine
  // fills it with reasons or causes; every other placeholder is filled at load).
  void Say(const std::string& id, std::vector<std::string>* bubbles,
           const std::string& list = "") const;
  // Whether a bubble of `id` has the {list} placeholder.
  bool HasList(const std::string& id) const;
  // InvalidArgument "<referrer>: missing response '<id>'" unless `id` exists.
  Status Require(const std::string& id, const std::string& referrer) const;

  const std::string& content_version() const { return content_version_; }
  // "draft" or "approved": the review status of responses.<locale>.json.
  const std::string& review_status() const { return review_status_; }
  const std::string& emergency_number() const { return emergency_number_; }

 private:
  std::map<std::string, std::vector<std::string>> responses_;
  std::string content_version_;
  std::string review_status_;
  std::string emergency_number_;
};

}  // namespace kneebot

#endif  // KNEEBOT_DIALOGS_RESPONSES_H_
