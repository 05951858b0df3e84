/** tsr.data.audio: WAV, resampling, spectral features as tensor ops, augmentation, Speech Commands. */
export { audioToTensor, decodeWav, encodeWav, readWav, toMono, type Audio, type WavBitDepth } from './wav.js';
export { resample } from './resample.js';
export {
  dctMatrix, frame, logMelSpectrogram, melFilterbank, melSpectrogram, mfcc, powerSpectrogram, powerToDb, spectrogram, stft, windowFunction,
  type FrameOptions, type LogOptions, type MelOptions, type StftOptions, type WindowName,
} from './spectral.js';
export { addNoise, mixBackground, padOrTrim, randomGain, randomTimeShift, type RandomSource } from './augment.js';
export { loadSpeechCommands, loadWaveform, type SpeechCommands, type SpeechCommandsOptions } from './speech-commands.js';
