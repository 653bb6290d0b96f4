/**
 * PyTorch 1.13 CPU, 1 thread, ms per mask step at batch 16 on this project's 2-core machine
 * (test/fixtures/engine/onnx-grad/REFERENCE-TIMINGS.md): the figures the engine is compared with.
 */
export const pytorchMaskStepMs: Readonly<Record<string, number>> = {
  cnn1d_beat: 4.6,
  resnet1d_12lead: 6.1,
  gru_state: 10.3,
  lstm_icu: 4.3,
  transformer_ts: 7.2,
  mlp_flat: 0.37,
};
