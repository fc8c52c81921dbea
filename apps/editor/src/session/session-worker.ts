/** The training-session worker's entry: one TrainingSession, exposed to the page with Comlink. */
import { expose } from 'comlink';
import { TrainingSession } from './training-session.js';

expose(new TrainingSession());
