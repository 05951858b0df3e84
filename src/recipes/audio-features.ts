/** Shared by the audio recipes: log-mel spectrograms of 1-second 16 kHz clips (25 ms windows, 10 ms hop). */
import * as tsr from '../api.js';

export const SAMPLE_RATE = 16000;
export const MEL_BINS = 40;
/** 1 s at a 10 ms hop, centred frames: 101; recipes that halve it twice keep 100. */
export const FRAMES = 101;

export function logMel(waveform: tsr.Tensor): tsr.Tensor {
  return tsr.data.audio.logMelSpectrogram(waveform, { nFft: 512, winLength: 400, hopLength: 160, sampleRate: SAMPLE_RATE, numMelBins: MEL_BINS });
}
