// RapidCheck's showValue for kvcheck's types, so failing properties print readable values.
#pragma once

#include <ostream>

#include "kvcheck/model/attention_config.hpp"
#include "kvcheck/model/variant.hpp"
#include "kvcheck/props/steps.hpp"

namespace kvcheck::model {
void showValue(const AttentionConfig& config, std::ostream& os);
void showValue(const Variant& variant, std::ostream& os);
}  // namespace kvcheck::model

namespace kvcheck::props {
void showValue(const Step& step, std::ostream& os);
}  // namespace kvcheck::props
