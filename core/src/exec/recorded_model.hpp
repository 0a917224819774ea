// The model of a recorded run, made again from its record and loaded with one of its verified
// checkpoints, ready to classify: the model plugin from the catalogue with the recorded
// parameters, told about the data the run saw (classes, task, input groups from data.inputs), a
// conv1x1 band adapter in front when the run had one, in eval mode on the CPU.
#pragma once

#include <memory>
#include <string>

#include "eorun/dataset.hpp"
#include "eorun/model.hpp"
#include "exec/recorded_checkpoint.hpp"
#include "plugins/catalogue.hpp"
#include "registry/run_record.hpp"

namespace eorun {

struct RecordedModel {
  std::shared_ptr<Model> model;
  DatasetInfo data;          // classes, task and input groups as the run recorded them
  double threshold = 0.5;    // train.threshold (multi-label decisions)
  RecordedCheckpoint checkpoint;
};

// What the run recorded of its data, as a dataset would describe it. Throws eorun::Error when
// the record has no data summary or no input groups (records written before SDK 2).
DatasetInfo recorded_dataset_info(const RunRecord& record, const std::string& command);

// Throws eorun::Error when the run kept no such checkpoint (see verified_checkpoint), a plugin
// of the record is not on the search path, or the checkpoint does not fit the model. A model
// plugin whose file changed since the run is reported on stderr (the checkpoint still decides).
RecordedModel load_recorded_model(const RunRecord& record, const Catalogue& catalogue,
                                  const std::string& which, const std::string& command);

}  // namespace eorun
